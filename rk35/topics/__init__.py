"""Analysis libraries by topic (trade series, LNG, projects, export controls, events): series, shares, ranks and the
charts drawn from them; no verdicts and no prose of a chapter."""
