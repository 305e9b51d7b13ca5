// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";

/// @title SwitchableNFT
/// @notice A test NFT contract (ERC721 + Ownable) whose owner can stop it reporting ERC721 through ERC165, so a
/// test can submit a valid request and then make the contract fail the broker's later "nft: not ERC721" check.
contract SwitchableNFT is ERC721, Ownable {
    /// @notice False once the owner switched the ERC721 interface off.
    bool public reportsErc721 = true;

    /// @notice Creates the collection owned by `initialOwner`, reporting ERC721.
    constructor(address initialOwner) ERC721("Blockhost Switchable NFT", "BHSWITCH") Ownable(initialOwner) {}

    /// @notice Turns the ERC721 answer of supportsInterface on or off (owner only).
    function setReportsErc721(bool on) external onlyOwner {
        reportsErc721 = on;
    }

    /// @inheritdoc ERC721
    function supportsInterface(bytes4 interfaceId) public view override returns (bool) {
        if (interfaceId == type(IERC721).interfaceId && !reportsErc721) return false;
        return super.supportsInterface(interfaceId);
    }
}
