package dev.berth.web.platform;

import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.examples.Example;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * What every operation of the contract shares, written once instead of on each resource method: the error body
 * ({@code {"error": "..."}}) of every 4xx/5xx answer, and the 401 every logged-in call can get. Registered with
 * {@code mp.openapi.filter}.
 */
public class ApiContract implements OASFilter {

    static final String ERROR = "Error";
    /** The one part of the API without a login (web.xml). */
    static final String ANONYMOUS_PATH = "/image-uploads/";
    private static final String ERROR_REF = "#/components/schemas/" + ERROR;

    @Override
    public Operation filterOperation(Operation operation) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            return operation;
        }
        for (Map.Entry<String, APIResponse> entry : responses.getAPIResponses().entrySet()) {
            if (entry.getKey().startsWith("4") || entry.getKey().startsWith("5")) {
                APIResponse response = entry.getValue();
                if (response.getContent() == null || response.getContent().getMediaTypes().isEmpty()) {
                    response.setContent(errorContent(response.getDescription()));
                }
            }
        }
        return operation;
    }

    /**
     * Adds the 401 to every operation that needs a login: all but the agents' download of an image tar, which
     * web.xml leaves open (its proof is in the headers). Decided by path: an operation does not know its own.
     */
    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() != null) {
            openAPI.getPaths().getPathItems().forEach((path, item) -> {
                if (!path.contains(ANONYMOUS_PATH)) {
                    item.getOperations().values().forEach(ApiContract::addUnauthorized);
                }
            });
        }
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema(ERROR, OASFactory.createSchema().type(Schema.SchemaType.OBJECT)
                .description("Every refusal: what was wrong and what to do")
                .addProperty("error", OASFactory.createSchema().type(Schema.SchemaType.STRING))
                .addRequired("error"));
    }

    private static void addUnauthorized(Operation operation) {
        if (operation.getResponses() != null && !operation.getResponses().hasAPIResponse("401")) {
            operation.getResponses().addAPIResponse("401", OASFactory.createAPIResponse()
                    .description("No or wrong credentials (HTTP Basic of a Berth user, or an API token)")
                    .content(errorContent("log in first: send HTTP Basic credentials of a Berth user or an API"
                            + " token (Authorization: Bearer <token>)")));
        }
    }

    private static Content errorContent(String description) {
        Example example = OASFactory.createExample().value(Map.of("error",
                description == null ? "what was wrong and what to do" : description));
        MediaType json = OASFactory.createMediaType().schema(OASFactory.createSchema().ref(ERROR_REF))
                .addExample("error", example);
        return OASFactory.createContent().addMediaType("application/json", json);
    }
}
