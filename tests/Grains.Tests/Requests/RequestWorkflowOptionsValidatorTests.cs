using BlockhostBroker.Grains.Requests;
using BlockhostBroker.Protocol.Keys;

namespace BlockhostBroker.Grains.Tests.Requests;

public sealed class RequestWorkflowOptionsValidatorTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("bhb-options-").FullName;

    [Fact]
    public void Check_ValidOptions_HasNoFailures() =>
        Assert.Empty(RequestWorkflowOptionsValidator.Check(Valid()));

    [Fact]
    public void Check_ZeroRequestsContract_NamesTheTomlKey()
    {
        var options = Valid();
        options.RequestsContract = "0x0000000000000000000000000000000000000000";

        var failure = Assert.Single(RequestWorkflowOptionsValidator.Check(options));

        Assert.StartsWith("[onchain] requests_contract: ", failure);
    }

    [Fact]
    public void Check_MissingEciesKeyFile_NamesKeyAndHowToCreateOne()
    {
        var options = Valid();
        options.EciesKeyFile = Path.Combine(_folder, "absent.key");

        var failure = Assert.Single(RequestWorkflowOptionsValidator.Check(options));

        Assert.StartsWith("[onchain] ecies_key_file: ", failure);
        Assert.Contains("--generate-ecies-key", failure);
    }

    [Fact]
    public void Check_SeveralBadValues_ReportsEachWithItsKey()
    {
        var options = Valid();
        options.RpcUrl = "ftp://node";
        options.MaxBlockRange = 5000;
        options.Confirmations = -1;
        options.PollInterval = TimeSpan.Zero;

        var failures = RequestWorkflowOptionsValidator.Check(options);

        Assert.Equal(
            ["[onchain] rpc_url", "[onchain] confirmations", "[onchain] poll_interval_ms", "[onchain] max_block_range"],
            failures.Select(f => f[..f.IndexOf(": ", StringComparison.Ordinal)]));
    }

    [Fact]
    public void WalletKey_MixedCaseOperator_IsLowercaseChainScopedKey()
    {
        var options = Valid();

        Assert.Equal("31337:0x70997970c51812dc3a010c7d01b50e0d17dc79c8", options.WalletKey);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private RequestWorkflowOptions Valid()
    {
        var keyFile = Path.Combine(_folder, $"ecies-{Guid.NewGuid():N}.key");
        KeyFile.WriteEciesKey(keyFile, Secp256k1KeyPair.Generate());
        return new RequestWorkflowOptions
        {
            RequestsContract = RequestBuilder.NftContract,
            OperatorAddress = RequestBuilder.Requester,
            EciesKeyFile = keyFile,
        };
    }
}
