"""Property tests: whatever bytes a reader is given, it gives documents or InputErrors
(never another exception, never a crash reported as "unexpected"), and every document's
text and metadata are Unicode a store can write (no lone surrogates); preparing it for
analysis raises nothing but InputError either."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from according.analyze import Analyzer
from according.errors import InputError
from according.ingest import iter_documents
from according.options import FetchOptions, Options
from according.records import Document
from input_generators import ANY_INPUT, feeds, html_pages, json_lines, plain_texts, warcs

OPTIONS = Options(fetch=FetchOptions(max_bytes=200_000), max_tokens=5_000)
PREPARER = Analyzer(OPTIONS, nlp=spacy.blank("en"))
EXAMPLES = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def read(name: str, data: bytes) -> list[Document | InputError]:
    """What the readers make of ``data`` as a file called ``name`` (or standard input)."""
    if name == "-":
        return list(iter_documents(["-"], OPTIONS, stdin=io.BytesIO(data)))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        return list(iter_documents([str(path)], OPTIONS))


def check(results: list[Document | InputError]) -> None:
    for result in results:
        if isinstance(result, InputError):
            assert not result.reason.startswith("unexpected error"), result
            continue
        assert isinstance(result, Document)
        for value in (result.text, result.title, result.site, result.url, result.author, result.id):
            if value is not None:
                assert isinstance(value, str)
                value.encode("utf-8")  # no lone surrogates
        prepared = PREPARER.prepare_or_error(result)
        if isinstance(prepared, InputError):
            assert not prepared.reason.startswith("analysis failed"), prepared
        else:
            assert len(prepared.text) == len(result.text)


@pytest.mark.parametrize(
    "strategy",
    [plain_texts(), html_pages(), feeds(), warcs(), json_lines()],
    ids=["text", "html", "feed", "warc", "jsonl"],
)
def test_every_reader_gives_documents_or_input_errors(
    strategy: st.SearchStrategy[tuple[str, bytes]],
) -> None:
    @EXAMPLES
    @given(strategy)
    def run(case: tuple[str, bytes]) -> None:
        check(read(*case))

    run()


@EXAMPLES
@given(ANY_INPUT)
def test_standard_input_sniffs_any_input_safely(case: tuple[str, bytes]) -> None:
    check(read("-", case[1]))
