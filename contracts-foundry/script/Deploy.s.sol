// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

// Deploys a broker's contracts. Run from contracts-foundry/ (tools/solc is found relative to it):
//
//   OPERATOR_PRIVATE_KEY=0x... \
//   ../node_modules/.bin/forge script script/Deploy.s.sol --rpc-url http://127.0.0.1:8545 --broadcast --slow
//
// Environment:
//   OPERATOR_PRIVATE_KEY   required; the broker's operator, owner of the new BrokerRequests
//   DEPLOYER_PRIVATE_KEY   key that sends the deployments (default: the operator key)
//   REGISTRY_ADDRESS       use this BrokerRegistry instead of deploying one (must have code)
//   REGISTRY_OWNER         admin of a newly deployed BrokerRegistry (default: the deployer)
//   DEPLOY_TEST_NFT        "true" also deploys a TestNFT (default: false)
//   TEST_NFT_OWNER         owner of that TestNFT (default: the operator)
//   BROKER_ENCRYPTION_PUBKEY  when set (0x + 65-byte uncompressed secp256k1 key), the operator also
//                          registers the new BrokerRequests in the registry, with
//   BROKER_REGION          (default: "") and BROKER_CAPACITY (default: 0 = unlimited)
//
// Output: one console line per contract, name, a space, checksummed address — e.g.
//   BrokerRegistry 0x5FbDB2315678afecb367f032d93F642f64180aa3
//   BrokerRequests 0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512
//   TestNFT 0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0        (only with DEPLOY_TEST_NFT=true)
//   BrokerId 1                                                (only with BROKER_ENCRYPTION_PUBKEY)
// plus "Operator 0x…" and "RegistryReused true|false".

import {Script, console} from "forge-std/Script.sol";
import {BrokerRegistry} from "../src/BrokerRegistry.sol";
import {BrokerRequests} from "../src/BrokerRequests.sol";
import {TestNFT} from "../src/test/TestNFT.sol";

/// @notice Deploys BrokerRegistry (or reuses one), a BrokerRequests owned by the operator and, on
/// request, a TestNFT; optionally registers the broker.
contract Deploy is Script {
    /// @notice What to deploy, read from the environment by `readConfig`.
    struct Config {
        uint256 operatorKey;
        uint256 deployerKey;
        address existingRegistry;
        address registryOwner;
        bool deployTestNft;
        address testNftOwner;
        bytes brokerPubkey;
        string brokerRegion;
        uint256 brokerCapacity;
    }

    /// @notice What was deployed; `testNft` is zero and `brokerId` 0 when not asked for.
    struct Deployment {
        BrokerRegistry registry;
        BrokerRequests requests;
        TestNFT testNft;
        uint256 brokerId;
        bool registryReused;
    }

    /// @notice Entry point of `forge script`: reads the environment, deploys, prints the addresses.
    function run() external returns (Deployment memory deployment) {
        Config memory config = readConfig();
        deployment = deploy(config);
        _print(deployment, vm.addr(config.operatorKey));
    }

    /// @notice Reads the deployment settings from the environment (see the header comment).
    function readConfig() public view returns (Config memory config) {
        config.operatorKey = vm.envUint("OPERATOR_PRIVATE_KEY");
        config.deployerKey = vm.envOr("DEPLOYER_PRIVATE_KEY", config.operatorKey);
        config.existingRegistry = vm.envOr("REGISTRY_ADDRESS", address(0));
        config.registryOwner = vm.envOr("REGISTRY_OWNER", vm.addr(config.deployerKey));
        config.deployTestNft = vm.envOr("DEPLOY_TEST_NFT", false);
        config.testNftOwner = vm.envOr("TEST_NFT_OWNER", vm.addr(config.operatorKey));
        config.brokerPubkey = vm.envOr("BROKER_ENCRYPTION_PUBKEY", bytes(""));
        config.brokerRegion = vm.envOr("BROKER_REGION", string(""));
        config.brokerCapacity = vm.envOr("BROKER_CAPACITY", uint256(0));
    }

    /// @notice Deploys according to `config`, broadcasting with the deployer and operator keys.
    function deploy(Config memory config) public returns (Deployment memory deployment) {
        address operator = vm.addr(config.operatorKey);
        vm.startBroadcast(config.deployerKey);
        if (config.existingRegistry == address(0)) {
            deployment.registry = new BrokerRegistry(config.registryOwner);
        } else {
            require(config.existingRegistry.code.length > 0, "REGISTRY_ADDRESS has no contract code on this chain");
            deployment.registry = BrokerRegistry(config.existingRegistry);
            deployment.registryReused = true;
        }
        deployment.requests = new BrokerRequests(operator);
        if (config.deployTestNft) deployment.testNft = new TestNFT(config.testNftOwner);
        vm.stopBroadcast();

        if (config.brokerPubkey.length != 0) {
            vm.startBroadcast(config.operatorKey);
            deployment.brokerId = deployment.registry
                .registerBroker(
                    address(deployment.requests), config.brokerPubkey, config.brokerRegion, config.brokerCapacity
                );
            vm.stopBroadcast();
        }
    }

    function _print(Deployment memory deployment, address operator) private pure {
        console.log("BrokerRegistry", address(deployment.registry));
        console.log("BrokerRequests", address(deployment.requests));
        if (address(deployment.testNft) != address(0)) console.log("TestNFT", address(deployment.testNft));
        if (deployment.brokerId != 0) console.log("BrokerId", deployment.brokerId);
        console.log("Operator", operator);
        console.log("RegistryReused", deployment.registryReused);
    }
}
