/* The units pages' few lines of script: the live note, the confirmation dialog, the followed logs. */
var berthUnits = {
    /** The page's unit socket is open: from now on it hears every change it may see. */
    opened: function () {
        var note = document.getElementById('live-note');
        if (note) {
            note.setAttribute('data-open', 'true');
        }
    },
    /** A push said a unit changed (the page reloads its rows by itself): say when, and how often so far. */
    changed: function () {
        var note = document.getElementById('live-note');
        if (note) {
            var count = Number(note.getAttribute('data-count') || 0) + 1;
            note.setAttribute('data-count', count);
            note.textContent = count + (count === 1 ? ' change' : ' changes') + ', the last at '
                + new Date().toLocaleTimeString();
        }
    },
    /** Asks before a start, stop or delete; the button says which unit and what. */
    ask: function (button) {
        var action = button.getAttribute('data-action');
        document.getElementById('confirm-question').textContent =
            action.charAt(0).toUpperCase() + action.slice(1) + ' unit ' + button.getAttribute('data-unit') + ' ('
            + button.getAttribute('data-label') + ')?';
        document.getElementById('confirmForm:target').value = button.getAttribute('data-unit');
        document.getElementById('confirmForm:verb').value = action;
        PF('confirm').show();
    }
};

var berthLogs = {
    /** The number of the page's latest show or follow of the logs; messages of earlier ones are dropped. */
    current: 0,
    /** The most lines the page keeps: the oldest go first. */
    keep: 5000,
    state: function (text) {
        var state = document.getElementById('follow-state');
        if (state) {
            state.textContent = text;
        }
    },
    /** A follow started (its first message may come before the request's answer): a fresh text. */
    following: function (number) {
        if (number > berthLogs.current) {
            berthLogs.current = number;
            document.getElementById('log-text').textContent = '';
            berthLogs.state('following');
        }
    },
    /** The logs were read once: the text is the answer's, and any earlier follow's lines are dropped. */
    shown: function (number) {
        berthLogs.current = Math.max(berthLogs.current, number);
        berthLogs.state('');
    },
    /** A message of the followed stream: {follow, text} or {follow, end}. */
    message: function (message) {
        if (message.follow < berthLogs.current) {
            return;
        }
        berthLogs.following(message.follow);
        var out = document.getElementById('log-text');
        if (message.text) {
            out.textContent += message.text;
            var lines = out.textContent.split('\n');
            if (lines.length > berthLogs.keep) {
                out.textContent = lines.slice(lines.length - berthLogs.keep).join('\n');
            }
            out.scrollTop = out.scrollHeight;
        }
        if (message.end) {
            berthLogs.state('ended');
        }
    }
};

/*
 * A page the browser leaves may be kept frozen in its back-forward cache with its sockets open: the manager would go
 * on following its logs for nobody. Closing the log socket when the page is hidden tells the manager at once.
 */
window.addEventListener('pagehide', function () {
    if (document.getElementById('log-text') && window.faces && faces.push) {
        faces.push.close('live:logSocket');
    }
});
