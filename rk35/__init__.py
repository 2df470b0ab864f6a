"""Shared logic of the book "Russia–Korea at 35".

Layers, each importing only those below it (tests/test_layers.py checks it):

1. leaves: `text` (the one escaping boundary), `fmt` (number formats, reader's tables), `records` (number records,
   findings), `verdicts` (the scale, its look and the rulebook);
2. `data`: `validate`, `rules`, `load`, `render` (citations);
3. `charts` (the theme and the one renderer), `render` (the book's MyST and styles), `judgements`;
4. `topics`: analysis libraries (trade, lng, projects, controls, events);
5. `chapter` (the Chapter type and how a chapter assesses its claims), then `chapters` (one module per chapter);
6. `appendices`, `book` (every chapter and appendix, built once);
7. `glue` (chapter notebooks), `downloads`, `sphinx_ext`.
"""
