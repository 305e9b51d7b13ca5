using System.CommandLine;
using BlockhostBroker.Silo.Config;

namespace BlockhostBroker.Silo.Cli;

/// <summary>The options every command takes.</summary>
public sealed class GlobalOptions
{
    /// <summary>-c / --config.</summary>
    public Option<string> Config { get; } = new("--config", "-c")
    {
        Description = "the config file; admin commands read only its [api] listen",
        HelpName = "PATH",
        Recursive = true,
        DefaultValueFactory = _ => BrokerConfig.DefaultPath,
    };

    /// <summary>--api-url.</summary>
    public Option<Uri?> ApiUrl { get; } = new("--api-url")
    {
        Description = "the running daemon's API, instead of the config's [api] listen",
        HelpName = "URL",
        Recursive = true,
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
                return uri;
            result.AddError($"--api-url '{text}' is not an http(s) URL, e.g. http://127.0.0.1:8081");
            return null;
        },
    };

    /// <summary>--json.</summary>
    public Option<bool> Json { get; } = new("--json") { Description = "print one JSON document instead of text", Recursive = true };

    /// <summary>All of them.</summary>
    public IEnumerable<Option> All => [Config, ApiUrl, Json];

    /// <summary>The API's base URL: --api-url, else the config's [api] listen (the default when the default config file is absent).</summary>
    public Uri ResolveApi(ParseResult parse)
    {
        if (parse.GetValue(ApiUrl) is { } url)
            return url;
        var path = parse.GetValue(Config)!;
        if (parse.GetResult(Config) is null or { Implicit: true } && !File.Exists(path))
            return ListenAddress.Parse(HttpListenSettings.DefaultApiListen).LocalUri;
        return ConfigLoader.ReadApiUrl(path);
    }
}
