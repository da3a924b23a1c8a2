"""How a Java expression evaluates to a string, for the SQL detector.

`JavaFlow.classify` is the per-expression step the shared engine (`string_flow.trace`) follows:
`+`, `String.format`/`.formatted` (only the arguments of non-numeric verbs), `String.join`,
`concat`, `StringBuilder`/`StringBuffer` `append`, `Collectors.joining` build strings; locals,
parameters and fields resolve to their definitions; `trim()`, `toString()` pass values through.
Variables typed `int`, `long`, `boolean`, `UUID`, `LocalDate`... are constant (the compiler
guarantees they print without quotes), as are `static final` constants and `UPPER_CASE` members.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from agentguard.rules.lazy_patterns import LazyPattern
from agentguard.rules.literals import literal_string
from agentguard.rules.sql.language_flow import UPPER_CONSTANT, Grammar, LanguageFlow
from agentguard.rules.sql.string_flow import (
    Definition,
    Step,
    build,
    constant,
    definitions_step,
    passing,
    value,
)

if TYPE_CHECKING:
    import tree_sitter

    from agentguard.rules.document import Document

_SCOPE_TYPES = frozenset(
    {
        "program",
        "class_body",
        "method_declaration",
        "constructor_declaration",
        "lambda_expression",
        "enum_body",
    }
)
_BLOCK_TYPES = _SCOPE_TYPES | {
    "block",
    "if_statement",
    "for_statement",
    "enhanced_for_statement",
    "while_statement",
    "do_statement",
    "switch_block_statement_group",
    "switch_rule",
    "catch_clause",
    "finally_clause",
    "ternary_expression",
}
_DEFINITIONS_QUERY = """
(local_variable_declaration type: (_) @type declarator: (variable_declarator name: (identifier) @name) @declarator)
(field_declaration type: (_) @type declarator: (variable_declarator name: (identifier) @name) @declarator) @field
(formal_parameter type: (_) @type name: (identifier) @name) @parameter
(catch_formal_parameter name: (identifier) @name) @parameter
(enhanced_for_statement type: (_) @type name: (identifier) @name value: (_) @value) @loop
(lambda_expression parameters: (identifier) @name) @lambda
(lambda_expression parameters: (inferred_parameters (identifier) @name)) @lambda
(assignment_expression left: (identifier) @name right: (_) @value) @assign
(assignment_expression left: (field_access object: (this) field: (identifier) @name) right: (_) @value) @this_assign
((method_invocation name: (identifier) @method) @mutate
 (#match? @method "^(append|insert|add|addAll|put)$"))
(if_statement condition: (_) @condition)
(method_declaration name: (identifier) @name) @function
"""
# Types whose values print without quotes or SQL syntax.
_SAFE_TYPES = LazyPattern(
    r"^(int|long|short|byte|double|float|boolean|char|Integer|Long|Short|Byte|Double|Float|Boolean|"
    r"BigDecimal|BigInteger|UUID|LocalDate|LocalDateTime|LocalTime|Instant|OffsetDateTime|ZonedDateTime|"
    r"Date|Timestamp|Number|AtomicInteger|AtomicLong)(\[\])*$"
)
_NUMERIC_VERBS = frozenset("dxXoeEfgGaAbBcChH")
_VERB = LazyPattern(r"%(?:\d+\$)?[-#+ 0,(<]*\d*(?:\.\d+)?([a-zA-Z%])")
_PASS_RECEIVER = frozenset(
    {
        "trim",
        "strip",
        "stripLeading",
        "stripTrailing",
        "toLowerCase",
        "toUpperCase",
        "toString",
        "intern",
        "substring",
        "stream",
        "filter",
        "sorted",
        "distinct",
        "limit",
        "skip",
        "repeat",
        "build",
        "get",
        "orElse",
        "indent",
        "stripIndent",
        "toArray",
        "toList",
        "iterator",
        "next",
    }
)
_PASS_ARGUMENT_CALLS = frozenset(
    {
        "String.valueOf",
        "Objects.toString",
        "Objects.requireNonNull",
        "Optional.of",
        "Optional.ofNullable",
        "Arrays.asList",
        "List.of",
        "Set.of",
        "Arrays.stream",
        "Stream.of",
    }
)
_BUILD_CALLS = {
    "String.join": "`String.join`",
    "StringUtils.join": "`StringUtils.join`",
    "MessageFormat.format": "`MessageFormat.format`",
    "Collectors.joining": "`Collectors.joining`",
}
_SAFE_CALLEE = LazyPattern(
    r"^((Integer|Long|Short|Double|Float|Boolean|Math|UUID|LocalDate|LocalDateTime|Instant|Objects|Collectors)\.\w+|"
    r"(\w+\.)*(size|length|hashCode|count|ordinal|getId|escape\w*|encodeForSQL|quote\w*|enquote\w*|"
    r"placeholders?\w*))$"
)
_ELEMENT_METHODS = frozenset({"map", "forEach", "filter", "flatMap", "mapToObj", "anyMatch", "allMatch"})
_CONTAINERS = frozenset(
    {
        "StringBuilder",
        "StringBuffer",
        "String",
        "ArrayList",
        "LinkedList",
        "HashSet",
        "LinkedHashSet",
        "StringJoiner",
    }
)


class JavaFlow(LanguageFlow):
    """Expression steps and definitions for one Java document."""

    def __init__(self, doc: Document) -> None:
        super().__init__(doc, _GRAMMAR, _HANDLERS)
        self.types: dict[str, str] = {}
        self._index_definitions()

    # Definitions ---------------------------------------------------------------------------

    def _index_definitions(self) -> None:
        pending: list[Definition] = []
        for _, match in self.doc.matches(_DEFINITIONS_QUERY):
            name = match.get("name", [None])[0]
            if "condition" in match:
                self.add_guard(match["condition"][0])
            elif "mutate" in match:
                self._add_mutation(match["mutate"][0], pending)
            elif name is None:
                continue
            elif "function" in match:
                self.add_function(name, match["function"][0])
            elif "declarator" in match:
                self._add_declarator(match, name)
            elif "parameter" in match or "loop" in match:
                self._add_parameter(match, name)
            elif "lambda" in match:
                self._add_lambda_parameter(match["lambda"][0], name)
            elif "this_assign" in match:
                self._add_field_assignment(match["this_assign"][0], name, match["value"][0])
            else:
                node = match["assign"][0]
                kills = self._operator(node) == "="
                values = (match["value"][0],) if kills else (node,)
                pending.append(self.definition(name, node, values, kills=kills, declares=False))
        self.add_assignments(pending)

    def _add_declarator(self, match: dict[str, list[tree_sitter.Node]], name: tree_sitter.Node) -> None:
        declarator = match["declarator"][0]
        type_text = self.doc.node_text(match["type"][0])
        text = self.doc.node_text(name)
        self.types[text] = type_text
        initial = declarator.child_by_field_name("value")
        verdict: Step | None = constant() if _SAFE_TYPES.match(type_text) else None
        if verdict is None and "field" in match and initial is None:
            verdict = value(text)  # set elsewhere (injection, setters): not a constant
        values = (initial,) if initial is not None else ()
        self.index.add(self.definition(name, declarator, values, verdict=verdict))

    def _add_parameter(self, match: dict[str, list[tree_sitter.Node]], name: tree_sitter.Node) -> None:
        text = self.doc.node_text(name)
        type_node = match.get("type", [None])[0]
        type_text = self.doc.node_text(type_node) if type_node is not None else ""
        self.types[text] = type_text
        if "loop" in match:
            loop = match["loop"][0]
            verdict = constant() if _SAFE_TYPES.match(type_text) else None
            self.index.add(self.definition(name, name, (match["value"][0],), verdict=verdict), loop)
            return
        parameter = match["parameter"][0]
        owner = parameter.parent.parent if parameter.parent is not None else None
        verdict = constant() if _SAFE_TYPES.match(type_text) else value(text)
        if owner is not None and owner.type == "lambda_expression":
            self._add_lambda_parameter(owner, name, verdict)
            return
        self.index.add(self.definition(name, name, (), verdict=verdict), owner)

    def _add_lambda_parameter(
        self, lambda_node: tree_sitter.Node, name: tree_sitter.Node, verdict: Step | None = None
    ) -> None:
        stream = _iterated_receiver(self.doc, lambda_node)
        if stream is not None and verdict is None:
            self.index.add(self.definition(name, name, (stream,)), lambda_node)
            return
        verdict = verdict or value(self.doc.node_text(name))
        self.index.add(self.definition(name, name, (), verdict=verdict), lambda_node)

    def _add_field_assignment(
        self, node: tree_sitter.Node, name: tree_sitter.Node, right: tree_sitter.Node
    ) -> None:
        """`this.table = table` in a constructor or setter: the field takes that value too."""
        body = self.grammar.class_body(node)
        if body is not None:
            self.index.add(self.definition(name, node, (right,), kills=False, declares=False), body)

    def _add_mutation(self, call: tree_sitter.Node, pending: list[Definition]) -> None:
        """`sb.append(x)`, `parts.add(x)` (also chained: `sb.append(a).append(b)`) grow the root."""
        root = call.child_by_field_name("object")
        while root is not None and root.type == "method_invocation":
            method = root.child_by_field_name("name")
            if method is None or self.doc.node_text(method) not in {"append", "insert"}:
                return
            root = root.child_by_field_name("object")
        if root is None or root.type != "identifier":
            return
        pending.append(self.growth(root, call))

    def _operator(self, node: tree_sitter.Node) -> str:
        operator = node.child_by_field_name("operator")
        return self.doc.node_text(operator) if operator is not None else "="

    # Steps ---------------------------------------------------------------------------------

    def unwrap(self, node: tree_sitter.Node) -> tree_sitter.Node:
        """The value of a cast (after its type) or of parentheses."""
        return node.child_by_field_name("value") or node.named_children[-1]

    def _field_access(self, node: tree_sitter.Node) -> Step:
        obj = node.child_by_field_name("object")
        field = node.child_by_field_name("field")
        name = self.doc.node_text(field) if field is not None else ""
        if UPPER_CONSTANT.match(name) or name == "length":
            return constant()
        if obj is not None and obj.type == "this":
            body = self.grammar.class_body(node)
            defs = self.index.by_scope.get((body.id, name)) if body is not None else None
            if defs:
                return definitions_step(self.index.reaching(name, node) or defs)
        return value(self.doc.node_text(node))

    def _invocation(self, node: tree_sitter.Node) -> Step:
        obj = node.child_by_field_name("object")
        name_node = node.child_by_field_name("name")
        arguments = node.child_by_field_name("arguments")
        method = self.doc.node_text(name_node) if name_node is not None else ""
        args = (
            [arg for arg in arguments.named_children if arg.type != "comment"]
            if arguments is not None
            else []
        )
        qualified = f"{self.doc.node_text(obj)}.{method}" if obj is not None else method
        if qualified == "String.format" or method == "formatted":
            return self._format(obj if method == "formatted" else None, args)
        if qualified in _BUILD_CALLS:
            return build(_BUILD_CALLS[qualified], args)
        if qualified in _PASS_ARGUMENT_CALLS:
            return passing(args)
        if qualified == "Collections.nCopies":
            return passing(args[1:2])
        if _SAFE_CALLEE.match(qualified):
            return constant()
        if obj is None or obj.type == "this":
            return self._helper_call(method, node)
        return self._method(method, obj, args, node)

    def _method(
        self, method: str, obj: tree_sitter.Node, args: list[tree_sitter.Node], node: tree_sitter.Node
    ) -> Step:
        if method == "filter" and args and self._keeps_members_of_constant(args[0]):
            # `names.stream().filter(KNOWN_COLUMNS::contains)`: only allowlisted items remain.
            return constant()
        if method in {"get", "getOrDefault"} and _is_constant_name(self.doc.node_text(obj)):
            # `SORTS.getOrDefault(key, "created_at")`: an entry of a constant map (an allowlist),
            # or the default.
            return passing(args[1:2])
        if method in {"append", "insert"}:
            return build("`StringBuilder.append`", [obj, *args[-1:]])
        if method in {"add", "addAll"}:
            return passing(args[-1:])
        if method == "put":
            return passing(args[1:2])
        if method == "concat":
            return build("`String.concat`", [obj, *args])
        if method in {"replace", "replaceAll", "replaceFirst"}:
            replacement = args[1] if len(args) > 1 else None
            if replacement is None or literal_string(self.doc, replacement) is not None:
                return passing([obj])
            return build(f"`String.{method}`", [obj, replacement])
        if method == "collect":
            return passing([*args[:1], obj])
        if method in {"map", "mapToObj", "flatMap"} and args:
            return passing(self.returns(args[0]))
        if method in _PASS_RECEIVER:
            return passing([obj])
        return value(self.doc.node_text(node))

    def _keeps_members_of_constant(self, predicate: tree_sitter.Node) -> bool:
        """`KNOWN::contains` or `x -> KNOWN.contains(x)`, with `KNOWN` an upper-case constant."""
        if predicate.type == "method_reference":
            parts = [self.doc.node_text(child) for child in predicate.named_children]
            return len(parts) == 2 and parts[1] in _MEMBERSHIP and _is_constant_name(parts[0])
        body = predicate.child_by_field_name("body") if predicate.type == "lambda_expression" else None
        if body is None or body.type != "method_invocation":
            return False
        target, name = body.child_by_field_name("object"), body.child_by_field_name("name")
        return (
            target is not None
            and name is not None
            and self.doc.node_text(name) in _MEMBERSHIP
            and _is_constant_name(self.doc.node_text(target))
        )

    def _format(self, receiver: tree_sitter.Node | None, args: list[tree_sitter.Node]) -> Step:
        pattern = receiver if receiver is not None else (args[0] if args else None)
        values = args if receiver is not None else args[1:]
        if pattern is None:
            return constant()
        text = literal_string(self.doc, pattern)
        if text is not None:
            verbs = [verb for verb in _VERB.findall(text) if verb not in {"%", "n"}]
            if len(verbs) == len(values):
                # `%d` of a String throws: the value can only be a number.
                values = [arg for arg, verb in zip(values, verbs, strict=True) if verb not in _NUMERIC_VERBS]
        shape = "`String.formatted`" if receiver is not None else "`String.format`"
        return build(shape, [pattern, *values])

    def _creation(self, node: tree_sitter.Node) -> Step:
        type_node = node.child_by_field_name("type")
        arguments = node.child_by_field_name("arguments")
        type_text = self.doc.node_text(type_node).split("<", 1)[0] if type_node is not None else ""
        if type_text in _CONTAINERS:
            args = arguments.named_children if arguments is not None else []
            return passing([arg for arg in args if arg.type != "comment"])
        return value(self.doc.node_text(node))

    def _array(self, node: tree_sitter.Node) -> Step:
        initial = node.child_by_field_name("value")
        if node.type == "array_creation_expression":
            return passing([initial]) if initial is not None else constant()
        return passing(node.named_children)


_HANDLERS = {
    "identifier": JavaFlow._identifier,
    "field_access": JavaFlow._field_access,
    "binary_expression": JavaFlow._binary,
    "ternary_expression": JavaFlow._ternary,
    "assignment_expression": JavaFlow._augmented,
    "method_invocation": JavaFlow._invocation,
    "object_creation_expression": JavaFlow._creation,
    "array_initializer": JavaFlow._array,
    "array_creation_expression": JavaFlow._array,
}
_STRING_TYPES = frozenset({"string_literal", "text_block"})
_NUMBER_TYPES = frozenset(
    {
        "decimal_integer_literal",
        "hex_integer_literal",
        "octal_integer_literal",
        "binary_integer_literal",
        "decimal_floating_point_literal",
        "hex_floating_point_literal",
    }
)
_CONSTANT_TYPES = _NUMBER_TYPES | frozenset(
    {
        "true",
        "false",
        "null_literal",
        "character_literal",
        "lambda_expression",
        "class_literal",
        "string_fragment",
        "multiline_string_fragment",
        "escape_sequence",
        "unary_expression",
        "update_expression",
        "instanceof_expression",
        "method_reference",
    }
)
_WRAPPER_TYPES = frozenset({"parenthesized_expression", "cast_expression"})
_CLASS_BODIES = frozenset({"class_body", "enum_body"})
_GRAMMAR = Grammar(
    scope_types=_SCOPE_TYPES,
    block_types=_BLOCK_TYPES,
    string_types=_STRING_TYPES,
    number_types=_NUMBER_TYPES,
    constant_types=_CONSTANT_TYPES,
    wrapper_types=_WRAPPER_TYPES,
    function_body="block",
    hoisted=_CLASS_BODIES,
    class_bodies=_CLASS_BODIES,
)


def _iterated_receiver(doc: Document, lambda_node: tree_sitter.Node) -> tree_sitter.Node | None:
    """For a lambda given to `xs.stream().map(...)`/`forEach`, the receiver that supplies elements."""
    arguments = lambda_node.parent
    call = arguments.parent if arguments is not None else None
    if arguments is None or call is None or call.type != "method_invocation":
        return None
    name = call.child_by_field_name("name")
    if name is None or doc.node_text(name) not in _ELEMENT_METHODS:
        return None
    return call.child_by_field_name("object")


def _is_constant_name(text: str) -> bool:
    """`SORTS`, `Columns.ALLOWED`, `this.SORTS`: an upper-case constant, however it is reached."""
    return UPPER_CONSTANT.match(text.rsplit(".", 1)[-1]) is not None


_MEMBERSHIP = frozenset({"contains", "containsKey"})
