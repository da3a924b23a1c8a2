"""End-to-end: code actions (fix, suppress with a reason, show documentation) and hover."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import pytest_lsp
from lsp_session import SERVER_COMMAND, RecordingClient, initialize_params, make_client
from lsprotocol import types
from pytest_lsp import ClientServerConfig

pytestmark = pytest.mark.asyncio(loop_scope="module")

APP = (
    "from flask import Flask\nfrom flask_cors import CORS\n\napp = Flask(__name__)\nif True:\n    CORS(app)\n"
)


@pytest_lsp.fixture(
    scope="module", config=ClientServerConfig(server_command=SERVER_COMMAND, client_factory=make_client)
)
async def client(lsp_client: RecordingClient, tmp_path_factory: pytest.TempPathFactory) -> Any:
    root = tmp_path_factory.mktemp("actions")
    lsp_client.root = root  # type: ignore[attr-defined]
    await lsp_client.initialize_session(initialize_params(root))
    yield
    await lsp_client.shutdown_session()


async def open_app(client: RecordingClient, name: str) -> tuple[str, list[types.Diagnostic]]:
    path: Path = client.root / name  # type: ignore[attr-defined]
    mark = client.mark()
    uri = client.open(path, APP)
    return uri, await client.wait_diagnostics(uri, 1, mark)


async def actions_for(client: RecordingClient, uri: str, diagnostics: list[types.Diagnostic]) -> list[Any]:
    params = types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        range=diagnostics[0].range,
        context=types.CodeActionContext(diagnostics=diagnostics),
    )
    return list(await client.text_document_code_action_async(params) or [])


def apply(text: str, edit: types.TextEdit) -> str:
    """`text` with an (ASCII-positioned) edit applied."""
    starts = [0, *(index + 1 for index, char in enumerate(text) if char == "\n")]
    begin = starts[edit.range.start.line] + edit.range.start.character
    end = starts[edit.range.end.line] + edit.range.end.character
    return text[:begin] + edit.new_text + text[end:]


async def test_suppress_with_a_reason_inserts_an_indented_comment_and_selects_the_reason(
    client: RecordingClient,
) -> None:
    uri, diagnostics = await open_app(client, "suppress.py")
    cors = [d for d in diagnostics if d.code == "permissive-cors"]
    assert cors, diagnostics
    actions = await actions_for(client, uri, cors)
    suppress = next(a for a in actions if a.title == "Suppress permissive-cors with a reason")
    (edit,) = suppress.edit.changes[uri]
    assert edit.new_text == "    # agentguard: ignore[permissive-cors] -- reason\n"
    assert edit.range.start == types.Position(line=cors[0].range.start.line, character=0)

    assert suppress.command is not None and suppress.command.command == "agentguard.selectRange"
    await client.workspace_execute_command_async(
        types.ExecuteCommandParams(command=suppress.command.command, arguments=suppress.command.arguments)
    )
    selection = client.shown_documents[-1].selection
    assert selection is not None
    inserted = edit.new_text.split("\n")[0]
    assert inserted[selection.start.character : selection.end.character] == "reason"

    # With the comment in place the finding is suppressed, and the reason satisfies AG001.
    mark = client.mark()
    client.replace_all(uri, apply(APP, edit), 2)
    assert [d.code for d in await client.wait_diagnostics(uri, 2, mark)] == []


async def test_show_documentation_opens_the_rule_page(client: RecordingClient) -> None:
    uri, diagnostics = await open_app(client, "docs.py")
    actions = await actions_for(client, uri, diagnostics)
    show = next(a for a in actions if a.title == "Show documentation for permissive-cors")
    await client.workspace_execute_command_async(
        types.ExecuteCommandParams(command=show.command.command, arguments=show.command.arguments)
    )
    shown = client.shown_documents[-1]
    assert shown.external is True
    assert shown.uri == diagnostics[0].code_description.href


async def test_a_rules_fix_becomes_a_preferred_quick_fix(client: RecordingClient) -> None:
    uri, diagnostics = await open_app(client, "fix.py")
    # A client hands back the diagnostic it holds; this one carries a fix in its data, as a rule
    # with a `Fix` produces (engine positions: 1-based lines, code-point columns).
    diagnostic = diagnostics[0]
    diagnostic.data = {
        **diagnostic.data,
        "fix": {
            "title": "Allow only trusted origins",
            "edits": [{"range": [6, 10, 6, 13], "newText": "app, origins=ORIGINS"}],
        },
    }
    actions = await actions_for(client, uri, [diagnostic])
    fix = next(a for a in actions if a.title == "Allow only trusted origins")
    assert fix.is_preferred is True
    (edit,) = fix.edit.changes[uri]
    assert apply(APP, edit).splitlines()[5] == "    CORS(app, origins=ORIGINS)"


async def test_hover_over_a_diagnostic_shows_the_rule_documentation(client: RecordingClient) -> None:
    uri, diagnostics = await open_app(client, "hover.py")
    position = diagnostics[0].range.start
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=position)
    )
    assert hover is not None
    text = hover.contents.value
    assert "AG101 permissive-cors" in text
    assert "What it does" in text and "Use instead" in text
    elsewhere = types.Position(line=0, character=0)
    assert (
        await client.text_document_hover_async(
            types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=elsewhere)
        )
        is None
    )
