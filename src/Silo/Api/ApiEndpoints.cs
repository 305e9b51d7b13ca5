using BlockhostBroker.Protocol.Contracts;
using BlockhostBroker.Protocol.Rpc;
using BlockhostBroker.Silo.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Orleans.Runtime;

namespace BlockhostBroker.Silo.Api;

/// <summary>The JSON status API, the admin actions and /metrics, served on [api] listen only.</summary>
public static class ApiEndpoints
{
    /// <summary>Route prefix of the JSON API.</summary>
    public const string Prefix = "/api";

    /// <summary>Maps every route; requests that arrive on another port (the dashboard's) get 404.</summary>
    public static RouteGroupBuilder MapBrokerApi(this IEndpointRouteBuilder app, int port)
    {
        var group = app.MapGroup("");
        group.AddEndpointFilter(OnlyOnPort(port));
        group.AddEndpointFilter(TranslateErrors);
        group.MapGet("/healthz", () => Results.Text("ok\n"));
        group.MapGet("/metrics", async (MetricsReport metrics) => Results.Text(await metrics.RenderAsync(), PrometheusWriter.ContentType));
        group.MapGet($"{Prefix}/status", (StatusService status, ILocalSiloDetails silo, CancellationToken ct) => status.GetAsync(silo.Name, ct));
        group.MapGet($"{Prefix}/allocations", (AllocationAdmin admin) => admin.ListAllocationsAsync());
        group.MapPost($"{Prefix}/allocations/{{nftContract}}/release", (string nftContract, AllocationAdmin admin, CancellationToken ct) =>
            admin.ReleaseAsync(nftContract, ct));
        group.MapGet($"{Prefix}/peers", (AllocationAdmin admin) => admin.ListPeersAsync());
        group.MapGet($"{Prefix}/requests/{{requestId:long}}", (long requestId, AllocationAdmin admin) => admin.GetRequestAsync(requestId));
        group.MapGet($"{Prefix}/registry", (RegistryAdmin registry, CancellationToken ct) => registry.GetAsync(ct));
        group.MapPost($"{Prefix}/registry/register", (RegisterBody body, RegistryAdmin registry, CancellationToken ct) => registry.RegisterAsync(body, ct));
        group.MapPost($"{Prefix}/registry/activate", (RegistryAdmin registry, CancellationToken ct) => registry.SetActiveAsync(true, ct));
        group.MapPost($"{Prefix}/registry/deactivate", (RegistryAdmin registry, CancellationToken ct) => registry.SetActiveAsync(false, ct));
        return group;
    }

    /// <summary>A filter that answers 404 unless the request came in on <paramref name="port"/>: two surfaces share one server, never their routes.</summary>
    public static Func<EndpointFilterInvocationContext, EndpointFilterDelegate, ValueTask<object?>> OnlyOnPort(int port) =>
        async (context, next) => context.HttpContext.Connection.LocalPort == port ? await next(context) : Results.NotFound();

    // Failures an operator can act on become a JSON error with a hint instead of a 500 with a stack trace.
    private static async ValueTask<object?> TranslateErrors(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (AdminRequestException e)
        {
            return Results.Json(new ApiError(e.Message, e.Hint), statusCode: e.StatusCode);
        }
        catch (ContractRevertException e)
        {
            return Results.Json(new ApiError($"the contract refused: {e.Reason ?? e.Message}"), statusCode: StatusCodes.Status409Conflict);
        }
        catch (EthereumRpcException e)
        {
            return Results.Json(new ApiError($"the chain did not answer: {e.Message}", "check [onchain] rpc_url and the node"), statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        catch (Exception e) when (e is TimeoutException or SiloUnavailableException or OrleansException)
        {
            return Results.Json(new ApiError($"the cluster did not answer: {e.Message}"), statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
