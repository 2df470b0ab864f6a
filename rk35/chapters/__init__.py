"""One module per chapter of the article, each with `build(tables) -> Chapter`."""
