"""The print edition's LaTeX writer: Sphinx's, except that each part of the contents opens with its caption (the
appendices as lettered appendices), a verdict box is set in its verdict's colours, a claim's running foot and its
place in the contents are its own, and tables print without stray numbers or empty lines. Wired in by
rk35/sphinx_ext.py; with it, the book's Sphinx-specific code."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from docutils import nodes
from sphinx.writers.latex import CR, LaTeXTranslator

from rk35.verdicts import LOOK

#: The LaTeX admonition type each verdict box is set as (rk35.verdicts.LOOK); the verdict word stays in the box's
#: title for greyscale print.
VERDICT_LATEX = {verdict.css_class: look.latex_box for verdict, look in LOOK.items()}


#: What Sphinx's long-table template writes before "continued from previous page" (the table's number).
CONTINUED_NUMBER = r"\tablename\ \thetable{} \textendash{} "

#: The _toc.yml part whose chapters the PDF sets as lettered appendices.
APPENDICES = "Appendices"
#: The anchor prefix of a number's record in "Every number in this book" (rk35.numbers).
NUMBER_ANCHOR = "#number-"


def unnumbered_docs(toc_path: Path) -> set[str]:
    """The documents of the parts that are neither numbered nor the appendices (front matter: the standards page),
    which the PDF sets as unnumbered chapters, as the HTML does."""
    toc = yaml.safe_load(toc_path.read_text(encoding="utf-8"))
    return {chapter["file"] for part in toc.get("parts", [])
            if not part.get("numbered") and part["caption"] != APPENDICES for chapter in part.get("chapters", [])}


def toc_parts(toc_path: Path) -> dict[str, list[str]]:
    """The parts of _toc.yml, in order: each part's caption and the documents of its chapters."""
    toc = yaml.safe_load(toc_path.read_text(encoding="utf-8"))
    return {part["caption"]: [chapter["file"] for chapter in part.get("chapters", [])] for part in toc.get("parts", [])}


def appendix_letters(toc_path: Path) -> dict[str, str]:
    """The appendices' documents and their letters, in the order of _toc.yml (as LaTeX letters them)."""
    return {doc: chr(ord("A") + i) for i, doc in enumerate(toc_parts(toc_path).get(APPENDICES, []))}


def part_starts(toc_path: Path) -> dict[str, str]:
    """The first document of each part of _toc.yml, with the part's caption."""
    return {docs[0]: caption for caption, docs in toc_parts(toc_path).items() if docs}


def latex_translator():
    class BookLaTeXTranslator(LaTeXTranslator):
        """Sphinx's LaTeX writer, except that each part of the table of contents opens with its caption (the
        appendices part as lettered appendices) and a verdict box is set in its verdict's colours."""

        def __init__(self, document, builder, theme) -> None:
            super().__init__(document, builder, theme)
            # Sphinx names the contents after the first toctree's caption, i.e. the first part of the book
            self.elements["contentsname"] = self.babel_renewcommand(r"\contentsname", "Contents")
            self.part_starts = part_starts(Path(builder.srcdir) / "_toc.yml")
            self.unnumbered = unnumbered_docs(Path(builder.srcdir) / "_toc.yml")

        def visit_title(self, node) -> None:
            """A front-matter chapter (the standards page) and its sections are unnumbered in print as on screen, so
            that the chapters of the article keep the numbers the HTML gives them; they stay in the contents, and
            the chapter in the running head."""
            super().visit_title(node)
            level = re.match(r"\\(chapter|section|subsection)\{", self.body[-1]) if self.body else None
            if (isinstance(node.parent, nodes.section) and level and self.curfilestack
                    and self.curfilestack[-1] in self.unnumbered):
                title, command = self.encode(node.astext()), level.group(1)
                self.body[-1] = self.body[-1].replace("\\" + command + "{", "\\" + command + "*{", 1)
                self.context[-1] += r"\addcontentsline{toc}{" + command + "}{" + title + "}" + CR
                if command == "chapter":
                    self.context[-1] += r"\markboth{" + title + "}{" + title + "}" + CR
            elif isinstance(node.parent, nodes.section) and level and level.group(1) == "subsection":
                # The print contents lists sections only, and a claim checked in a subsection with them: its heading
                # carries its verdict, which its section's heading does not repeat.
                if any("rk35-heading-verdict" in n.get("classes", []) for n in node.findall(nodes.inline)):
                    self.body[-1] = r"\addtocontents{toc}{\protect\setcounter{tocdepth}{2}}" + CR + self.body[-1]
                    self.context[-1] += r"\addtocontents{toc}{\protect\setcounter{tocdepth}{1}}" + CR
            elif isinstance(node.parent, nodes.section) and level and level.group(1) == "section":
                # The running foot names a claim's section without its verdict: the heading and the box say it
                # (and a foot that lists several verdicts would be cut short mid-word).
                verdicts = [n for n in node.findall(nodes.inline) if "rk35-heading-verdict" in n.get("classes", [])]
                if verdicts:
                    title = self.encode(node.astext().removesuffix(verdicts[0].astext()).rstrip())
                    # \section sets the mark itself: its \sectionmark is replaced for this one section
                    self.body[-1] = (r"\let\rksectionmark\sectionmark\gdef\sectionmark#1{\global\let\sectionmark"
                                     r"\rksectionmark\rksectionmark{" + title + "}}" + CR + self.body[-1])

        def visit_start_of_file(self, node) -> None:
            caption = self.part_starts.get(node["docname"])
            if caption:
                self.body.append(CR + r"\part{" + self.encode(caption) + "}" + CR
                                 + r"\renewcommand{\rkpartname}{" + self.encode(caption) + "}" + CR)
                if caption == APPENDICES:
                    # lettered appendices, and their figures and tables numbered A.1, B.1 as in the HTML edition
                    self.body.append(r"\appendix" + CR + r"\renewcommand{\thefigure}{\thechapter.\arabic{figure}}"
                                     + r"\renewcommand{\thetable}{\thechapter.\arabic{table}}" + CR)
            super().visit_start_of_file(node)

        def visit_reference(self, node) -> None:
            """Cross-references give their page in print ("see the check (page 15)"), except a number's link to
            its record: every number in the prose has one, and a page after each would break the sentence."""
            super().visit_reference(node)
            if NUMBER_ANCHOR in node.get("refuri", "") and self.context and self.context[-1].startswith("}}} ("):
                self.context[-1] = "}}}"

        def depart_table(self, node) -> None:
            """A long table without a caption takes no table number in print, as on screen (longtable steps the
            table counter at every table, captioned or not)."""
            uncaptioned_long = self.table.get_table_type() == "longtable" and not self.table.caption
            start = len(self.body)
            super().depart_table(node)
            if uncaptioned_long:
                # its header on the next page says "continued from previous page", without another table's number
                self.body[start:] = [part.replace(CONTINUED_NUMBER, "") for part in self.body[start:]]
                self.body.append(r"\addtocounter{table}{-1}" + CR)

        def visit_paragraph(self, node) -> None:
            """An empty table cell stays empty: an empty paragraph in it would give its row a blank second line."""
            if isinstance(node.parent, nodes.entry) and not node.astext().strip():
                raise nodes.SkipNode
            super().visit_paragraph(node)

        def visit_admonition(self, node) -> None:
            kind = next((VERDICT_LATEX[c] for c in node.get("classes", []) if c in VERDICT_LATEX), None)
            if kind is None:
                return super().visit_admonition(node)
            self.body.append(CR + r"\begin{sphinxadmonition}{" + kind + "}")
            self.no_latex_floats += 1
            if self.table:
                self.table.has_problematic = True

    return BookLaTeXTranslator
