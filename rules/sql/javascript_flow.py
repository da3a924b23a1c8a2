"""How a JavaScript or TypeScript expression evaluates to a string, for the SQL detector.

`JavaScriptFlow.classify` is the per-expression step the shared engine (`string_flow.trace`)
follows: template literals, `+`, `.join`, `.replace`, `util.format` build strings; variables
resolve to their reaching definitions; `.trim()`, `await`, `as` pass values through; numbers,
tagged templates (`sql`, `Prisma.sql`), escaping functions and allowlist lookups are constant.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from agentguard.rules.document import walk
from agentguard.rules.lazy_patterns import LazyPattern
from agentguard.rules.literals import literal_string
from agentguard.rules.sql.language_flow import UPPER_CONSTANT, Grammar, LanguageFlow
from agentguard.rules.sql.string_flow import Definition, Step, build, constant, passing, value

if TYPE_CHECKING:
    import tree_sitter

    from agentguard.rules.document import Document

_SCOPE_TYPES = frozenset(
    {
        "program",
        "function_declaration",
        "function_expression",
        "function",
        "generator_function_declaration",
        "generator_function",
        "arrow_function",
        "method_definition",
    }
)
_BLOCK_TYPES = _SCOPE_TYPES | {
    "statement_block",
    "if_statement",
    "else_clause",
    "for_statement",
    "for_in_statement",
    "while_statement",
    "do_statement",
    "switch_case",
    "switch_default",
    "catch_clause",
    "finally_clause",
    "ternary_expression",
}
_DEFINITIONS_QUERY = """
(variable_declarator name: (_) @name) @declarator
(assignment_expression left: (identifier) @name right: (_) @value) @assign
(augmented_assignment_expression left: (identifier) @name right: (_) @value) @augment
((call_expression
   function: (member_expression object: (identifier) @name property: (property_identifier) @method)
   arguments: (arguments)) @mutate
 (#match? @method "^(push|unshift|add)$"))
(for_in_statement left: (_) @name right: (_) @value) @loop
(formal_parameters) @parameters
(arrow_function parameter: (identifier) @name) @arrow
(if_statement condition: (_) @condition)
(function_declaration name: (identifier) @name) @function
(generator_function_declaration name: (identifier) @name) @function
(method_definition name: (property_identifier) @name) @function
"""
_THIS_ASSIGNMENT = """
(assignment_expression
  left: (member_expression object: (this) property: (property_identifier) @name) right: (_) @value)
"""
_JAVASCRIPT_FIELDS_QUERY = (
    _THIS_ASSIGNMENT + "(field_definition property: (property_identifier) @name value: (_) @value)"
)
_TYPESCRIPT_FIELDS_QUERY = (
    _THIS_ASSIGNMENT + "(public_field_definition name: (property_identifier) @name value: (_) @value)"
)
_PASS_THROUGH_METHODS = frozenset(
    {
        "trim",
        "trimStart",
        "trimEnd",
        "toLowerCase",
        "toUpperCase",
        "toLocaleLowerCase",
        "toLocaleUpperCase",
        "toString",
        "valueOf",
        "slice",
        "substring",
        "substr",
        "padStart",
        "padEnd",
        "normalize",
        "repeat",
        "sort",
        "reverse",
        "flat",
        "split",
        "at",
        "pop",
        "shift",
    }
)
ELEMENT_METHODS = frozenset({"map", "flatMap", "filter", "forEach", "find", "some", "every", "reduce"})
# Functions whose result is a number, a boolean or an escaped literal: never SQL text.
_SAFE_CALLEES = LazyPattern(
    r"^(Number|parseInt|parseFloat|Boolean|isNaN|Math\.\w+|Number\.\w+|Date\.\w+|crypto\.randomUUID|uuid\w*|"
    r"(Prisma|prisma)\.(sql|join|raw|empty)|(Sequelize|sequelize)\.(literal|fn|col|where|cast|json|escape)|"
    r"sql\.\w+|\w*(knex|db|trx|Knex|Db)\w*\.(raw|ref))$"
)
# Methods whose result is a number, a date string, a boolean or an escaped literal.
_SAFE_METHODS = LazyPattern(
    r"^(escape\w*|quote\w*|getTime|toISOString|toUTCString|toDateString|toFixed|indexOf|lastIndexOf|"
    r"findIndex|localeCompare|charCodeAt|getFullYear|getMonth|getDate|isInteger|isArray|includes|startsWith|"
    r"endsWith|randomUUID)$"
)
# Modules whose formatting functions escape what they splice in (`%I`, `%L`).
_ESCAPING_MODULES = frozenset({"pg-format", "sqlstring", "mysql", "mysql2", "pg-escape"})
# `util.format`, `sprintf`: printf-style building.
_FORMAT_CALLEES = LazyPattern(r"^((util|sprintf|vsprintf)\.)?(format|sprintf|vsprintf)$")
_QUOTE_ESCAPES = frozenset({'""', "''", "\\'", '\\"', "\\\\", "``"})
# Settings objects: configuration chosen by the operator, not request data.
_CONFIGURATION = LazyPattern(r"^(this\.)?(\w+\.)*(options|config|configuration|settings|env|_?dialect)\.")
_REQUEST_DATA = LazyPattern(r"\b(req|request|body|query|params|ctx|event|input|args)\b")
_NUMERIC_OPERATORS = frozenset({"-", "*", "/", "%", "**", "|", "&", "^", "<<", ">>", ">>>"})
_BOOLEAN_OPERATORS = frozenset({"==", "===", "!=", "!==", "<", ">", "<=", ">=", "instanceof", "in", "!"})


@dataclass(frozen=True)
class _Fields:
    """The values assigned to `this.name` and class fields: by (class body id, name), and by name."""

    by_class: dict[tuple[int, str], list[tree_sitter.Node]]
    by_name: dict[str, list[tree_sitter.Node]]


class JavaScriptFlow(LanguageFlow):
    """Expression steps and definitions for one JavaScript/TypeScript document."""

    def __init__(self, doc: Document) -> None:
        super().__init__(doc, _GRAMMAR, _HANDLERS)
        self._index_definitions()

    # Definitions ---------------------------------------------------------------------------

    def _index_definitions(self) -> None:
        pending: list[Definition] = []
        for _, match in self.doc.matches(_DEFINITIONS_QUERY):
            if "condition" in match:
                self.add_guard(match["condition"][0])
            elif "function" in match:
                self.add_function(match["name"][0], match["function"][0])
            elif "parameters" in match:
                self._add_parameters(match["parameters"][0])
            elif "arrow" in match:
                self._add_parameter(match["name"][0], match["arrow"][0], 0)
            elif "declarator" in match:
                self._add_declarator(match["declarator"][0], match["name"][0])
            elif "loop" in match:
                self._add_pattern(match["name"][0], match["loop"][0], match["value"][0], match["name"][0])
            else:
                pending.append(self._assignment(match))
        self.add_assignments(pending)

    @functools.cached_property
    def fields(self) -> _Fields:
        """`this.table = ...` and class fields, by class and by name, so `this.table` resolves like
        a variable (indexed on the first `this.name` traced)."""
        source = (
            _TYPESCRIPT_FIELDS_QUERY
            if self.doc.language in {"typescript", "tsx"}
            else _JAVASCRIPT_FIELDS_QUERY
        )
        fields = _Fields({}, {})
        for _, match in self.doc.matches(source):
            body = self.grammar.class_body(match["name"][0])
            if body is not None:
                key = (body.id, self.doc.node_text(match["name"][0]))
                fields.by_class.setdefault(key, []).append(match["value"][0])
                fields.by_name.setdefault(key[1], []).append(match["value"][0])
        return fields

    def _assignment(self, match: dict[str, list[tree_sitter.Node]]) -> Definition:
        name = match["name"][0]
        if "mutate" in match:
            return self.growth(name, match["mutate"][0])
        if "augment" in match:
            return self.growth(name, match["augment"][0])
        return self.definition(name, match["assign"][0], (match["value"][0],), declares=False)

    def _add_declarator(self, declarator: tree_sitter.Node, name: tree_sitter.Node) -> None:
        initial = declarator.child_by_field_name("value")
        if name.type == "identifier":
            values = (initial,) if initial is not None else ()
            if initial is not None and initial.type in {"arrow_function", "function_expression", "function"}:
                self.add_function(name, initial)
            self.index.add(self.definition(name, declarator, values))
        elif initial is not None:
            self._add_pattern(name, declarator, initial, name)

    def _add_pattern(
        self,
        pattern: tree_sitter.Node,
        extent: tree_sitter.Node,
        source: tree_sitter.Node,
        anchor: tree_sitter.Node,
    ) -> None:
        """Names bound by destructuring (or a `for...of` head) take their value from `source`."""
        is_loop = extent.type == "for_in_statement"
        for node in walk(pattern):
            if node.type in {"identifier", "shorthand_property_identifier_pattern"} and _binds(node):
                self.index.add(self.definition(node, anchor if is_loop else extent, (source,)))

    def _add_parameters(self, parameters: tree_sitter.Node) -> None:
        function = parameters.parent
        if function is None:
            return
        for position, parameter in enumerate(parameters.named_children):
            for node in walk(parameter):
                if node.type in {"identifier", "shorthand_property_identifier_pattern"} and _binds(node):
                    self._add_parameter(node, function, position)

    def _add_parameter(self, name: tree_sitter.Node, function: tree_sitter.Node, position: int) -> None:
        element_of = _iterated_receiver(function)
        if element_of is not None and position > 0:
            verdict: Step | None = constant()  # the index of `.map((x, i) => ...)`
            values: tuple[tree_sitter.Node, ...] = ()
        elif element_of is not None:
            verdict, values = None, (element_of,)
        else:
            verdict, values = value(self.doc.node_text(name)), ()
        self.index.add(self.definition(name, name, values, verdict=verdict), function)

    # Steps ---------------------------------------------------------------------------------

    def _template(self, node: tree_sitter.Node) -> Step:
        parts = [
            child.named_children[0]
            if child.type == "template_substitution" and child.named_children
            else child
            for child in node.named_children
        ]
        if any(child.type == "template_substitution" for child in node.named_children):
            return build("a template literal", parts)
        return constant(literal_string(self.doc, node) or "")

    def _operation(self, operator: str, operands: list[tree_sitter.Node]) -> Step:
        """`a || b`, `a ?? b` may be either side; `a && b` is `b` when it is a string."""
        if operator in {"||", "??"}:
            return passing(operands)
        if operator == "&&":
            return passing(operands[1:])
        return super()._operation(operator, operands)

    def _member(self, node: tree_sitter.Node) -> Step:
        prop = node.child_by_field_name("property")
        obj = node.child_by_field_name("object")
        name = self.doc.node_text(prop) if prop is not None else ""
        text = self.doc.node_text(node)
        if name in {"length", "size"} or UPPER_CONSTANT.match(name) or text.startswith("process.env"):
            return constant()
        if _CONFIGURATION.match(text) and not _REQUEST_DATA.search(text):
            return constant()
        if obj is not None and obj.type == "identifier":
            defs = self.index.reaching(self.doc.node_text(obj), obj)
            if defs and all(_is_literal_container(d) for d in defs):
                return passing([obj])
        if obj is not None and obj.type == "this":
            body = self.grammar.class_body(node)
            assigned = self.fields.by_class.get((body.id, name)) if body is not None else None
            # An abstract field: what the subclasses of this file set it to.
            assigned = assigned or self.fields.by_name.get(name)
            if assigned:
                return passing(assigned)
        return value(text)

    def _subscript(self, node: tree_sitter.Node) -> Step:
        # An element of a container of constants (an allowlist map) is a constant.
        obj = node.child_by_field_name("object")
        return passing([obj]) if obj is not None else value(self.doc.node_text(node))

    def _call(self, node: tree_sitter.Node) -> Step:
        callee = node.child_by_field_name("function")
        arguments = node.child_by_field_name("arguments")
        if callee is None or arguments is None:
            return value(self.doc.node_text(node))
        callee_text = self.doc.node_text(callee)
        if arguments.type == "template_string":
            # Tagged templates (`sql`, `Prisma.sql`) bind their values, except `String.raw`.
            return self._template(arguments) if callee_text == "String.raw" else constant()
        args = [arg for arg in arguments.named_children if arg.type != "comment"]
        method = callee.child_by_field_name("property") if callee.type == "member_expression" else callee
        method_name = self.doc.node_text(method) if method is not None else ""
        if _SAFE_CALLEES.match(callee_text) or _SAFE_METHODS.match(method_name) or self._escapes(callee):
            return constant()
        if _FORMAT_CALLEES.match(callee_text):
            return build(f"`{callee_text}`", args)
        if callee_text == "String":
            return passing(args[:1])
        if callee_text in {"Object.keys", "Object.values", "Object.entries", "Array.from", "JSON.stringify"}:
            return self._array_from(args) if callee_text == "Array.from" else passing(args[:1])
        if callee.type == "member_expression":
            return self._method_call(node, callee, args)
        return self._helper_call(callee_text, node)

    def _escapes(self, callee: tree_sitter.Node) -> bool:
        resolved = self.doc.imports.resolve_node(self.doc, callee)
        return resolved is not None and resolved.split(".", 1)[0].split("/", 1)[0] in _ESCAPING_MODULES

    def _array_from(self, args: list[tree_sitter.Node]) -> Step:
        if len(args) > 1:
            return passing(self.returns(args[1]))
        return passing(args[:1])

    def _method_call(
        self, node: tree_sitter.Node, callee: tree_sitter.Node, args: list[tree_sitter.Node]
    ) -> Step:
        prop = callee.child_by_field_name("property")
        receiver = callee.child_by_field_name("object")
        method = self.doc.node_text(prop) if prop is not None else ""
        if receiver is None:
            return value(self.doc.node_text(node))
        if method in _PASS_THROUGH_METHODS:
            return passing([receiver])
        if method == "join":
            return build("`Array.join`", [receiver, *args])
        if method in {"replace", "replaceAll"}:
            return self._replace(method, receiver, args)
        if method == "concat":
            return build("`concat`", [receiver, *args])
        if method == "fill":
            return passing(args[:1])
        if method in ELEMENT_METHODS:
            return self._element_call(method, receiver, args)
        if self.doc.node_text(receiver) == "this":
            return self._helper_call(method, node)
        return value(self.doc.node_text(node))

    def _replace(self, method: str, receiver: tree_sitter.Node, args: list[tree_sitter.Node]) -> Step:
        replacement = args[1] if len(args) > 1 else None
        text = literal_string(self.doc, replacement) if replacement is not None else ""
        if text in _QUOTE_ESCAPES:
            return constant()  # `name.replace(/"/g, '""')` quotes an identifier or a literal
        if text is not None:
            return passing([receiver])
        return build(f"`String.{method}`", [receiver, *args[1:2]])

    def _element_call(self, method: str, receiver: tree_sitter.Node, args: list[tree_sitter.Node]) -> Step:
        callback = args[0] if args else None
        if method in {"filter", "find", "some", "every"}:
            if callback is not None and re.search(r"\b(includes|has)\s*\(", self.doc.node_text(callback)):
                return constant()  # kept only if on an allowlist
            return passing([receiver])
        if method in {"map", "flatMap"} and callback is not None:
            return passing(self.returns(callback))
        return passing([receiver])

    def _new(self, node: tree_sitter.Node) -> Step:
        constructor = node.child_by_field_name("constructor")
        if constructor is not None and self.doc.node_text(constructor) in {"Array", "Set", "Map", "Date"}:
            return constant()
        return value(self.doc.node_text(node))

    def _array(self, node: tree_sitter.Node) -> Step:
        return passing(
            child.named_children[0] if child.type == "spread_element" and child.named_children else child
            for child in node.named_children
        )

    def _mutation(self, node: tree_sitter.Node) -> Step:
        """`parts.push(x)` as a definition of `parts`: its arguments become elements."""
        arguments = node.child_by_field_name("arguments")
        return passing(arguments.named_children if arguments is not None else [])

    def _call_or_mutation(self, node: tree_sitter.Node) -> Step:
        callee = node.child_by_field_name("function")
        if callee is not None and callee.type == "member_expression":
            prop = callee.child_by_field_name("property")
            obj = callee.child_by_field_name("object")
            if (
                prop is not None
                and obj is not None
                and obj.type == "identifier"
                and self.doc.node_text(prop) in {"push", "unshift", "add"}
            ):
                return self._mutation(node)
        return self._call(node)


_HANDLERS = {
    "template_string": JavaScriptFlow._template,
    "identifier": JavaScriptFlow._identifier,
    "shorthand_property_identifier": JavaScriptFlow._identifier,
    "binary_expression": JavaScriptFlow._binary,
    "ternary_expression": JavaScriptFlow._ternary,
    "member_expression": JavaScriptFlow._member,
    "subscript_expression": JavaScriptFlow._subscript,
    "call_expression": JavaScriptFlow._call_or_mutation,
    "new_expression": JavaScriptFlow._new,
    "augmented_assignment_expression": JavaScriptFlow._augmented,
    "array": JavaScriptFlow._array,
}
# `template_string` has its own step; listed so that a number plus a template literal is text.
_STRING_TYPES = frozenset({"string", "template_string", "string_fragment", "escape_sequence"})
_NUMBER_TYPES = frozenset({"number"})
_CONSTANT_TYPES = _NUMBER_TYPES | frozenset(
    {
        "true",
        "false",
        "null",
        "undefined",
        "regex",
        "object",
        "arrow_function",
        "function_expression",
        "function",
        "unary_expression",
        "update_expression",
        "class",
    }
)
_WRAPPER_TYPES = frozenset(
    {
        "parenthesized_expression",
        "await_expression",
        "non_null_expression",
        "as_expression",
        "satisfies_expression",
        "type_assertion",
        "spread_element",
        "template_substitution",
    }
)
_GRAMMAR = Grammar(
    scope_types=_SCOPE_TYPES,
    block_types=_BLOCK_TYPES,
    string_types=_STRING_TYPES,
    number_types=_NUMBER_TYPES,
    constant_types=_CONSTANT_TYPES,
    wrapper_types=_WRAPPER_TYPES,
    function_body="statement_block",
    constant_names=frozenset({"undefined", "NaN", "Infinity"}),
    class_bodies=frozenset({"class_body"}),
)


def _binds(node: tree_sitter.Node) -> bool:
    """Whether an identifier inside a pattern is a bound name (not a default value or a key)."""
    parent = node.parent
    if parent is None:
        return False
    if parent.type in {"assignment_pattern", "object_assignment_pattern"}:
        return parent.child_by_field_name("left") == node
    if parent.type == "pair_pattern":
        return parent.child_by_field_name("value") == node
    if parent.type in {"required_parameter", "optional_parameter"}:
        return parent.child_by_field_name("pattern") == node
    return parent.type in {
        "formal_parameters",
        "object_pattern",
        "array_pattern",
        "rest_pattern",
        "for_in_statement",
        "variable_declarator",
        "arrow_function",
    }


def _iterated_receiver(function: tree_sitter.Node) -> tree_sitter.Node | None:
    """For a callback of `xs.map(...)`/`.forEach(...)`, the array `xs` it iterates."""
    arguments = function.parent
    call = arguments.parent if arguments is not None else None
    if call is None or arguments is None or arguments.type != "arguments" or call.type != "call_expression":
        return None
    callee = call.child_by_field_name("function")
    if callee is None or callee.type != "member_expression":
        return None
    prop = callee.child_by_field_name("property")
    if prop is None or prop.text is None or prop.text.decode() not in ELEMENT_METHODS:
        return None
    return callee.child_by_field_name("object")


def _is_literal_container(definition: Definition) -> bool:
    return bool(definition.values) and all(
        v.type in {"object", "array"}
        or (v.type == "call_expression" and (v.text or b"").startswith(b"Object.freeze("))
        for v in definition.values
    )
