"""How a Go expression evaluates to a string, for the SQL detector.

`GoFlow.classify` is the per-expression step the shared engine (`string_flow.trace`) follows:
`+`, `fmt.Sprintf` (only the arguments of non-numeric verbs), `strings.Join`, `strings.Builder`
and `bytes.Buffer` writes, `fmt.Fprintf` build strings; variables resolve to their reaching
definitions; `strings.TrimSpace`, `sqlx.In`, `Rebind` pass values through; constants, numeric
parameters and variables, `strconv` conversions and `strings.Repeat("?, ", n)` are constant.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from agentguard.rules.lazy_patterns import LazyPattern
from agentguard.rules.literals import literal_string
from agentguard.rules.sql.language_flow import Grammar, LanguageFlow
from agentguard.rules.sql.string_flow import Definition, Step, build, constant, passing, value

if TYPE_CHECKING:
    import tree_sitter

    from agentguard.rules.document import Document

_SCOPE_TYPES = frozenset({"source_file", "function_declaration", "method_declaration", "func_literal"})
_BLOCK_TYPES = _SCOPE_TYPES | {
    "block",
    "if_statement",
    "for_statement",
    "expression_switch_statement",
    "type_switch_statement",
    "select_statement",
    "expression_case",
    "default_case",
    "type_case",
    "communication_case",
}
_DEFINITIONS_QUERY = """
(short_var_declaration left: (expression_list) @left right: (expression_list) @right) @short
(assignment_statement left: (expression_list) @left right: (expression_list) @right) @assign
(var_spec) @var
(const_spec) @const
(parameter_declaration) @parameter
(variadic_parameter_declaration) @parameter
(range_clause left: (expression_list) @left right: (_) @right) @range
((call_expression
   function: (selector_expression operand: (identifier) @name field: (field_identifier) @method)) @mutate
 (#match? @method "^(WriteString|WriteByte|WriteRune|Write)$"))
((call_expression
   function: (selector_expression operand: (identifier) @package field: (field_identifier) @printer)
   arguments: (argument_list . (unary_expression operand: (identifier) @name))) @mutate
 (#eq? @package "fmt") (#match? @printer "^Fprint"))
(call_expression
  function: (_) @callee
  arguments: (argument_list (unary_expression operator: "&" operand: (identifier) @name))) @out
(if_statement consequence: (block) @consequence) @if
(function_declaration name: (identifier) @name) @function
(method_declaration name: (field_identifier) @name) @function
"""
# Types whose values print without quotes or SQL syntax: numbers, booleans, times, UUIDs.
_SAFE_TYPES = LazyPattern(
    r"^\*?(u?int(8|16|32|64)?|float(32|64)|bool|byte|rune|uintptr|time\.(Time|Duration)|uuid\.UUID|"
    r"sql\.Null(Int\d*|Float64|Bool|Time)|\[\](u?int(8|16|32|64)?|float64))$"
)
_NUMERIC_VERBS = frozenset("dboOxXeEfFgGtcUpT")
_VERB = LazyPattern(r"%(?:\[\d+\])?[-+# 0]*(?:\*|\d+)?(?:\.(?:\*|\d+)?)?([a-zA-Z%])")
_PASS_FIRST = frozenset(
    {
        "strings.TrimSpace",
        "strings.Trim",
        "strings.TrimSuffix",
        "strings.TrimPrefix",
        "strings.TrimRight",
        "strings.TrimLeft",
        "strings.ToLower",
        "strings.ToUpper",
        "strings.Title",
        "strings.Repeat",
        "sqlx.In",
        "sqlx.Named",
        "string",
    }
)
_SAFE_CALLEE = LazyPattern(
    r"^(strconv\.(Itoa|Format\w+|Atoi|Parse\w+|Append\w+)|len|cap|make|new|time\.\w+|uuid\.\w+|"
    r"(\w+\.)*(Quote\w*|quote\w*|Escape\w*|escape\w*|Sanitize\w*|sanitize\w*|Placeholders?\w*|placeholders?\w*))$"
)
_CONFIGURATION = LazyPattern(r"(^|\.)(cfg|config|conf|Config|opts|options|Options|settings|Settings|env)\.")
_INPUT = LazyPattern(r"\b(os\.Args|r\.URL|req\.URL|r\.Form|Request)\b")


class GoFlow(LanguageFlow):
    """Expression steps and definitions for one Go document."""

    def __init__(self, doc: Document) -> None:
        super().__init__(doc, _GRAMMAR, _HANDLERS)
        self.types: dict[str, str] = {}
        self._index_definitions()

    # Definitions ---------------------------------------------------------------------------

    def _index_definitions(self) -> None:
        pending: list[Definition] = []
        for _, match in self.doc.matches(_DEFINITIONS_QUERY):
            if "if" in match:
                statement, body = match["if"][0], match["consequence"][0]
                header = self.doc.source[statement.start_byte : body.start_byte].decode("utf-8", "replace")
                self.guards.add(statement, header)
            elif "out" in match:
                self._add_out_argument(match["out"][0], match["callee"][0], match["name"][0], pending)
            elif "function" in match:
                self.add_function(match["name"][0], match["function"][0])
            elif "parameter" in match:
                self._add_typed(match["parameter"][0], declares=True)
            elif "var" in match:
                self._add_typed(match["var"][0], declares=True)
            elif "const" in match:
                for name in match["const"][0].children_by_field_name("name"):
                    self.index.add(self.definition(name, match["const"][0], (), verdict=constant()))
            elif "short" in match or "range" in match:
                self._add_pairs(match, declares=True, pending=pending)
            elif "assign" in match:
                self._add_pairs(match, declares=False, pending=pending)
            else:
                pending.append(self.growth(match["name"][0], match["mutate"][0]))
        self.add_assignments(pending)

    def _add_typed(self, spec: tree_sitter.Node, *, declares: bool) -> None:
        """A parameter or `var` spec: numeric types are constant whatever the value."""
        type_node = spec.child_by_field_name("type")
        type_text = self.doc.node_text(type_node) if type_node is not None else ""
        values_node = spec.child_by_field_name("value")
        values = values_node.named_children if values_node is not None else []
        names = spec.children_by_field_name("name")
        for position, name in enumerate(names):
            self.types[self.doc.node_text(name)] = type_text
            verdict: Step | None = None
            if _SAFE_TYPES.match(type_text):
                verdict = constant()
            elif spec.type != "var_spec":
                verdict = value(self.doc.node_text(name))
            own = (values[position],) if position < len(values) else ()
            target = _function_of(spec) if spec.type != "var_spec" else None
            self.index.add(self.definition(name, spec, own, declares=declares, verdict=verdict), target)

    def _add_pairs(
        self, match: dict[str, list[tree_sitter.Node]], *, declares: bool, pending: list[Definition]
    ) -> None:
        statement = (match.get("short") or match.get("assign") or match["range"])[0]
        lefts = match["left"][0].named_children
        right = match["right"][0]
        rights = right.named_children if right.type == "expression_list" else [right]
        augmented = statement.type == "assignment_statement" and self._operator(statement) != "="
        for position, left in enumerate(lefts):
            if left.type == "index_expression" and len(rights) == len(lefts):
                self._add_element(left, statement, rights[position], pending)
                continue
            if left.type != "identifier" or self.doc.node_text(left) == "_":
                continue
            if statement.type == "range_clause":
                values: tuple[tree_sitter.Node, ...] = tuple(rights)
                definition = self.definition(left, left, values)
            elif augmented:
                definition = self.growth(left, statement)
            elif len(rights) == len(lefts):
                definition = self.definition(left, statement, (rights[position],), declares=declares)
            elif position == 0 and rights:
                definition = self.definition(left, statement, (rights[0],), declares=declares)
            else:
                verdict = value(self.doc.node_text(left))
                definition = self.definition(left, statement, (), declares=declares, verdict=verdict)
            if declares:
                self.index.add(definition)
            else:
                pending.append(definition)

    def _add_out_argument(
        self,
        call: tree_sitter.Node,
        callee: tree_sitter.Node,
        name: tree_sitter.Node,
        pending: list[Definition],
    ) -> None:
        """`c.Bind(&f)`, `json.Unmarshal(b, &f)`: the call fills `f` with outside data."""
        if self.doc.node_text(callee).startswith("fmt.Fprint"):
            return
        verdict = value(self.doc.node_text(name))
        pending.append(self.definition(name, call, (), kills=False, declares=False, verdict=verdict))

    def _add_element(
        self,
        left: tree_sitter.Node,
        statement: tree_sitter.Node,
        right: tree_sitter.Node,
        pending: list[Definition],
    ) -> None:
        """`parts[i] = x` adds `x` to what `parts` holds."""
        operand = left.child_by_field_name("operand")
        if operand is not None and operand.type == "identifier":
            pending.append(self.definition(operand, statement, (right,), kills=False, declares=False))

    def _operator(self, statement: tree_sitter.Node) -> str:
        operator = statement.child_by_field_name("operator")
        if operator is not None:
            return self.doc.node_text(operator)
        for child in statement.children:
            if not child.is_named:
                return self.doc.node_text(child)
        return "="

    # Steps ---------------------------------------------------------------------------------

    def _undeclared(self, name: str) -> Step:
        """Declared in another file of the package: a package-level constant or setting."""
        return constant()

    def _selector(self, node: tree_sitter.Node) -> Step:
        operand = node.child_by_field_name("operand")
        text = self.doc.node_text(node)
        if _INPUT.search(text):
            return value(text)
        if operand is not None and operand.type == "identifier":
            name = self.doc.node_text(operand)
            if self.doc.imports.resolve(name) is not None and self.index.reaching(name, operand) is None:
                return constant()  # a package-level name of another package
        if _CONFIGURATION.search(text + "."):
            return constant()
        return value(text)

    def _call(self, node: tree_sitter.Node) -> Step:
        callee = node.child_by_field_name("function")
        arguments = node.child_by_field_name("arguments")
        if callee is None or arguments is None:
            return value(self.doc.node_text(node))
        name = self.doc.node_text(callee)
        args = [arg for arg in arguments.named_children if arg.type != "comment"]
        if name in {"fmt.Sprintf", "fmt.Sprint", "fmt.Sprintln", "fmt.Errorf"}:
            return self._printf(name, args)
        if name.startswith("fmt.Fprint"):
            return self._printf(name, args[1:])
        if name == "strings.Join":
            return build("`strings.Join`", args)
        if name in {"strings.Replace", "strings.ReplaceAll"}:
            return self._replace(name, args)
        if name in _PASS_FIRST:
            return passing(args[:1])
        if name == "append":
            return passing(args)
        if _SAFE_CALLEE.match(name):
            return constant()
        if callee.type == "selector_expression":
            return self._method_call(node, callee, args)
        return self._helper_call(name, node)

    def _printf(self, name: str, args: list[tree_sitter.Node]) -> Step:
        if not args:
            return constant()
        short = name.rsplit(".", 1)[-1]
        shape = f"`fmt.{short}`"
        if not short.endswith("f"):
            return build(shape, args)  # Sprint, Sprintln: every argument is text
        format_text = literal_string(self.doc, args[0])
        values = args[1:]
        if format_text is not None:
            verbs = [verb for verb in _VERB.findall(format_text) if verb != "%"]
            if len(verbs) == len(values):
                # `%d`, `%f`... print numbers (or a `%!d(string=...)` error), never quotes.
                values = [arg for arg, verb in zip(values, verbs, strict=True) if verb not in _NUMERIC_VERBS]
        return build(shape, [args[0], *values])

    def _replace(self, name: str, args: list[tree_sitter.Node]) -> Step:
        replacement = args[2] if len(args) > 2 else None
        if replacement is None or literal_string(self.doc, replacement) is not None:
            return passing(args[:1])
        return build(f"`{name}`", [args[0], replacement])

    def _method_call(
        self, node: tree_sitter.Node, callee: tree_sitter.Node, args: list[tree_sitter.Node]
    ) -> Step:
        field = callee.child_by_field_name("field")
        operand = callee.child_by_field_name("operand")
        method = self.doc.node_text(field) if field is not None else ""
        if operand is None:
            return value(self.doc.node_text(node))
        if method in {"String", "Bytes", "Rebind"}:
            return passing([operand] if method != "Rebind" else args[:1])
        if method in {"WriteString", "WriteByte", "WriteRune", "Write"}:
            return build("`strings.Builder`", args)
        if (
            method in self.functions
            and operand.type == "identifier"
            and self.doc.imports.resolve(self.doc.node_text(operand)) is None
        ):
            return self._helper_call(method, node)
        return value(self.doc.node_text(node))

    def _augmented(self, node: tree_sitter.Node) -> Step:
        """`q += x`: its right side is a list of one value."""
        right = node.child_by_field_name("right")
        parts = right.named_children[:1] if right is not None else []
        return build("`+=` concatenation", parts)

    def _composite(self, node: tree_sitter.Node) -> Step:
        body = node.child_by_field_name("body")
        return passing([body]) if body is not None else constant()

    def _literal_value(self, node: tree_sitter.Node) -> Step:
        parts: list[tree_sitter.Node] = []
        for element in node.named_children:
            if element.type == "keyed_element" and element.named_children:
                parts.append(element.named_children[-1])
            elif element.type != "comment":
                parts.append(element)
        return passing(parts)

    def _index(self, node: tree_sitter.Node) -> Step:
        operand = node.child_by_field_name("operand")
        return passing([operand]) if operand is not None else value(self.doc.node_text(node))

    def _unary(self, node: tree_sitter.Node) -> Step:
        operator = node.child_by_field_name("operator")
        operand = node.child_by_field_name("operand")
        if operator is not None and self.doc.node_text(operator) in {"&", "*"} and operand is not None:
            return passing([operand])
        return constant()


_HANDLERS = {
    "identifier": GoFlow._identifier,
    "binary_expression": GoFlow._binary,
    "selector_expression": GoFlow._selector,
    "call_expression": GoFlow._call,
    "assignment_statement": GoFlow._augmented,
    "composite_literal": GoFlow._composite,
    "literal_value": GoFlow._literal_value,
    "index_expression": GoFlow._index,
    "slice_expression": GoFlow._index,
    "unary_expression": GoFlow._unary,
}
_STRING_TYPES = frozenset({"interpreted_string_literal", "raw_string_literal"})
_NUMBER_TYPES = frozenset({"int_literal", "float_literal"})
_CONSTANT_TYPES = _NUMBER_TYPES | frozenset(
    {
        "imaginary_literal",
        "rune_literal",
        "true",
        "false",
        "nil",
        "iota",
        "func_literal",
        "interpreted_string_literal_content",
        "escape_sequence",
    }
)
_WRAPPER_TYPES = frozenset(
    {
        "literal_element",
        "parenthesized_expression",
        "variadic_argument",
        "expression_list",
        "type_conversion_expression",
    }
)

_GRAMMAR = Grammar(
    scope_types=_SCOPE_TYPES,
    block_types=_BLOCK_TYPES,
    string_types=_STRING_TYPES,
    number_types=_NUMBER_TYPES,
    constant_types=_CONSTANT_TYPES,
    wrapper_types=_WRAPPER_TYPES,
    function_body="block",
    constant_names=frozenset({"nil", "true", "false", "iota"}),
    value_list="expression_list",
)


def _function_of(parameter: tree_sitter.Node) -> tree_sitter.Node | None:
    """The function a parameter belongs to (its parameter list's parent)."""
    parameters = parameter.parent
    return parameters.parent if parameters is not None else None
