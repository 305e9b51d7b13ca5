using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using BlockhostBroker.Silo.Api;

namespace BlockhostBroker.Silo.Cli;

/// <summary>The daemon did not answer on its API address.</summary>
public sealed class DaemonUnavailableException(Uri api, Exception inner)
    : Exception($"no blockhost-broker answers at {api} ({inner.Message}); is the daemon running? (systemctl status blockhost-broker)", inner);

/// <summary>The daemon answered with an error.</summary>
public sealed class AdminApiException(HttpStatusCode status, ApiError error) : Exception(error.Error)
{
    /// <summary>The HTTP status.</summary>
    public HttpStatusCode Status { get; } = status;

    /// <summary>The daemon's hint, if any.</summary>
    public string? Hint { get; } = error.Hint;
}

/// <summary>Calls the running daemon's JSON API (admin commands never touch the database behind its back).</summary>
public sealed class AdminApiClient(Uri baseUri) : IDisposable
{
    /// <summary>Admin actions wait for transactions to be mined, so the deadline is generous.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    /// <summary>JSON as the API writes it.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private readonly HttpClient _http = new() { BaseAddress = baseUri, Timeout = Timeout };

    /// <summary>GET a document.</summary>
    public Task<T> GetAsync<T>(string path, CancellationToken cancellationToken) =>
        SendAsync<T>(new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);

    /// <summary>POST (with an optional JSON body) and read the answer.</summary>
    public Task<T> PostAsync<T>(string path, object? body, CancellationToken cancellationToken) =>
        SendAsync<T>(new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body ?? new { }, options: Json) }, cancellationToken);

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private async Task<T> SendAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e) when (e.InnerException is SocketException || e.HttpRequestError == HttpRequestError.ConnectionError)
        {
            throw new DaemonUnavailableException(_http.BaseAddress!, e);
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
                throw new AdminApiException(response.StatusCode, await ReadErrorAsync(response, cancellationToken));
            return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
                ?? throw new AdminApiException(response.StatusCode, new ApiError("the daemon answered with an empty document"));
        }
    }

    private static async Task<ApiError> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            if (JsonSerializer.Deserialize<ApiError>(text, Json) is { Error: not null } error)
                return error;
        }
        catch (JsonException)
        {
            // not one of ours: show the status line and body below
        }
        return new ApiError($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}: {text.Trim()}");
    }
}
