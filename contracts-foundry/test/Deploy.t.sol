// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {Test} from "forge-std/Test.sol";
import {Deploy} from "../script/Deploy.s.sol";
import {BrokerRegistry} from "../src/BrokerRegistry.sol";

/// @notice The deployment logic of script/Deploy.s.sol, run in-process (the environment parsing is
/// exercised by running the script against anvil; see README.md).
contract DeployTest is Test {
    Deploy internal script;
    uint256 internal operatorKey = 0xA11CE;
    uint256 internal deployerKey = 0xB0B;
    address internal operator = vm.addr(operatorKey);
    address internal deployer = vm.addr(deployerKey);
    address internal nftOwner = makeAddr("nftOwner");

    function setUp() public {
        script = new Deploy();
    }

    function test_deploy_Defaults_RequestsOwnedByOperatorAndFreshRegistry() public {
        Deploy.Deployment memory d = script.deploy(_config());

        assertEq(d.requests.owner(), operator);
        assertEq(d.registry.owner(), deployer);
        assertEq(d.registry.getBrokerCount(), 0);
        assertFalse(d.registryReused);
        assertEq(address(d.testNft), address(0));
        assertEq(d.brokerId, 0);
    }

    function test_deploy_ExistingRegistry_ReusesIt() public {
        BrokerRegistry existing = new BrokerRegistry(deployer);
        Deploy.Config memory config = _config();
        config.existingRegistry = address(existing);

        Deploy.Deployment memory d = script.deploy(config);

        assertEq(address(d.registry), address(existing));
        assertTrue(d.registryReused);
    }

    function test_deploy_RegistryAddressWithoutCode_Reverts() public {
        Deploy.Config memory config = _config();
        config.existingRegistry = makeAddr("nothing here");
        vm.expectRevert(bytes("REGISTRY_ADDRESS has no contract code on this chain"));
        script.deploy(config);
    }

    function test_deploy_WithTestNft_OwnedByGivenAddress() public {
        Deploy.Config memory config = _config();
        config.deployTestNft = true;
        config.testNftOwner = nftOwner;

        Deploy.Deployment memory d = script.deploy(config);

        assertEq(d.testNft.owner(), nftOwner);
    }

    function test_deploy_WithBrokerPubkey_RegistersBrokerAsOperator() public {
        Deploy.Config memory config = _config();
        config.brokerPubkey = abi.encodePacked(bytes1(0x04), keccak256("x"), keccak256("y"));
        config.brokerRegion = "eu-west";
        config.brokerCapacity = 250;

        Deploy.Deployment memory d = script.deploy(config);

        assertEq(d.brokerId, 1);
        assertEq(d.registry.getBroker(1).operator, operator);
        assertEq(d.registry.getBroker(1).requestsContract, address(d.requests));
        assertEq(d.registry.getBroker(1).region, "eu-west");
        assertEq(d.registry.getBroker(1).capacity, 250);
    }

    function _config() private view returns (Deploy.Config memory config) {
        config.operatorKey = operatorKey;
        config.deployerKey = deployerKey;
        config.registryOwner = deployer;
    }
}
