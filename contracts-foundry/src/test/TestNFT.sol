// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// @title TestNFT
/// @notice A minimal ERC721 + Ownable contract standing in for a Blockhost server's NFT contract in
/// demos and tests: whoever is `owner()` may submit broker requests for it.
contract TestNFT is ERC721, Ownable {
    /// @notice The id the next `mint` assigns (ids start at 1).
    uint256 public nextTokenId = 1;

    /// @notice Creates the collection owned by `initialOwner`.
    constructor(address initialOwner) ERC721("Blockhost Test NFT", "BHTEST") Ownable(initialOwner) {}

    /// @notice Mints the next token to `to` (owner only) and returns its id.
    function mint(address to) external onlyOwner returns (uint256 tokenId) {
        tokenId = nextTokenId++;
        _safeMint(to, tokenId);
    }
}
