"""Reading framework YAML into plain data with the position of every node.

Bad input never escapes as a traceback: every problem becomes a
:class:`~qualmark.errors.Problem` in a :class:`~qualmark.errors.LoadError`,
with ``file:line:col`` and, where we can say it, how to fix it.

The YAML side uses a local :class:`SafeLoader` subclass (PyYAML's global
loaders are never modified) and builds the data itself, so that it can keep
the position of every node in a :class:`SourceMap` and refuse what plain
YAML should not contain:

- a key written twice (all of a file's duplicates are reported together);
- mapping keys that are not text (keys that look like numbers or dates are
  read as text: ``1:`` gives the key ``"1"``);
- merge keys (``<<``);
- tags that change what a value means (``!!str 123``, ``!!binary …``,
  ``!!python/…``, ``!include``), on values and keys alike. A tag that only
  restates what YAML infers anyway (``!!str abc``, ``!!int 3``, ``!!map``)
  changes nothing and is accepted;
- values YAML cannot read, such as the date ``2021-02-29``;
- numbers that are not finite (``.nan``, ``.inf``), that have more digits
  than a float holds, or that YAML 1.1 reads in base 60 (``20:00`` is 1,200),
  and text holding a lone surrogate (``"\\ud800"``), which no report could
  show or compare;
- documents nested more than :data:`MAX_DEPTH` levels deep, or that hold, or
  expand to through aliases, more than :data:`MAX_VALUES` values (counted
  while the text is read, so a huge file is refused early).

The file itself is read by :mod:`qualmark.files`: a regular file, no larger
than a limit.

Portfolio JSON is read by :mod:`qualmark.jsonfile`, with the same limits.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path as FsPath
from typing import TYPE_CHECKING, Any

import yaml
from yaml._yaml import CParser
from yaml.constructor import SafeConstructor
from yaml.reader import Reader, ReaderError
from yaml.resolver import Resolver

from qualmark.errors import LoadError, Problem
from qualmark.files import DEFAULT_MAX_BYTES, read_text
from qualmark.inert import LONE_SURROGATE, inert, quote, shorten
from qualmark.source import Path, SourceMap, Span, span_at

MAX_DEPTH = 100
"""The deepest nesting of lists and mappings a YAML or JSON file may have."""

MAX_VALUES = 100_000
"""The most values one YAML document may hold, and expand to through aliases (which repeat values)."""

_MAX_INT_BITS = 14_000  # about 4,300 decimal digits, the most Python turns into text

INEXACT = "has more digits than a number can hold exactly"
INEXACT_HINT = "write at most 15 significant digits"

_YAML_TAG = "tag:yaml.org,2002:"
_STR_TAG = _YAML_TAG + "str"
_TIMESTAMP_TAG = _YAML_TAG + "timestamp"
_INT_TAG = _YAML_TAG + "int"

# The only tags a list or mapping may carry: YAML's own, implicit ones.
_PLAIN_COLLECTION_TAGS = frozenset({_YAML_TAG + "seq", _YAML_TAG + "map"})

TOO_DEEP = f"nested more than {MAX_DEPTH} levels deep"
TOO_DEEP_HINT = "flatten the structure: nothing qualmark reads needs this many levels"

# How to fix a YAML syntax error, by a piece of PyYAML's message.
_YAML_HINTS = (
    ("'\\t'", "indent with spaces, not tabs"),
    (
        "mapping values are not allowed here",
        "this line is indented further than the key above it (line them up), or a value holds ': ' (put it in quotes)",
    ),
    ("levels deep", TOO_DEEP_HINT),
)


def _span(file: str, node: yaml.Node) -> Span:
    return Span(file, node.start_mark.line + 1, node.start_mark.column + 1)


class _Limits:
    """What both loaders do while composing: refuse nesting deeper than MAX_DEPTH and more than
    MAX_VALUES values, and note where each alias was written.

    PyYAML composes nested nodes recursively, so without the depth limit a deep
    file ends in a RecursionError instead of a position.
    """

    file: str
    depth: int
    values: int
    alias_marks: dict[tuple[int, int], Any]

    if TYPE_CHECKING:  # what PyYAML's parser (either one), composer, constructor and resolver provide

        def check_event(self, *choices: Any) -> bool: ...
        def peek_event(self) -> Any: ...
        def construct_object(self, node: yaml.Node, deep: bool = False) -> Any: ...
        def resolve(self, kind: Any, value: Any, implicit: Any) -> str: ...

    def _start(self, file: str) -> None:
        self.file = file
        self.depth = 0  # lists and mappings open around the node being composed
        self.values = 0  # values composed so far (keys not counted)
        # Where each alias was written, by (parent node, index or key node): the node it
        # stands for carries only the anchor's position.
        self.alias_marks = {}

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            if parent is not None and index is not None:
                self.alias_marks[child_key(parent, index)] = self.peek_event().start_mark
        elif index is not None or parent is None:  # a value, not a key
            self.values += 1
            if self.values > MAX_VALUES:
                mark = self.peek_event().start_mark
                raise LoadError(
                    [
                        Problem(
                            f"the file holds more than {MAX_VALUES:,} values, far more than a framework needs",
                            Span(self.file, mark.line + 1, mark.column + 1),
                            hint="check that this is the framework file you meant (see docs/limits.md)",
                        )
                    ]
                )
        # check_event reads the next event (peek_event gives it)
        opens = self.check_event(yaml.SequenceStartEvent, yaml.MappingStartEvent)
        if opens:
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise yaml.composer.ComposerError(None, None, TOO_DEEP, self.peek_event().start_mark)
        try:
            return super().compose_node(parent, index)  # type: ignore[misc, no-any-return]
        finally:
            if opens:
                self.depth -= 1


class _QualmarkYamlLoader(_Limits, yaml.SafeLoader):
    """PyYAML's own SafeLoader, in Python: the reference, whose messages and positions problems carry.

    Its scanner also refuses flow nesting deeper than MAX_DEPTH (a long run of ``[`` makes it crawl).
    """

    def __init__(self, stream: str, file: str) -> None:
        self._start(file)
        super().__init__(stream)

    def fetch_flow_collection_start(self, token_class: Any) -> None:
        if self.flow_level >= MAX_DEPTH:
            raise yaml.scanner.ScannerError(None, None, TOO_DEEP, self.get_mark())
        super().fetch_flow_collection_start(token_class)


class _FastYamlLoader(_Limits, yaml.composer.Composer, SafeConstructor, Resolver, CParser):
    """The same loader with libyaml's scanner and parser (in C) underneath: about ten times faster.

    Only events come from C; composing (with the limits above), constructing and resolving are
    PyYAML's Python code, as in :class:`_QualmarkYamlLoader`. :func:`read_yaml` uses it first and
    reads a file again with the reference loader when anything is wrong with it, so that every
    problem is reported exactly as before.
    """

    def __init__(self, stream: str, file: str) -> None:
        self._start(file)
        CParser.__init__(self, stream)
        yaml.composer.Composer.__init__(self)
        SafeConstructor.__init__(self)
        Resolver.__init__(self)


def child_key(parent: yaml.Node, index: Any) -> tuple[int, int]:
    """How the loader and the builder name a child of ``parent``: its list index, or its key node."""
    return (id(parent), index if isinstance(index, int) else id(index))


class _Builder:
    """Turns a composed YAML node tree into plain data plus a SourceMap.

    A tag is accepted only where it is the one YAML would infer anyway (see
    the module docstring). Problems are collected, each one once even when an
    alias repeats it.
    """

    def __init__(self, loader: _Limits | _QuickConstruction, file: str) -> None:
        self.loader = loader
        self.smap = SourceMap(file)
        self._problems: dict[Problem, None] = {}  # an ordered set
        self._open: set[yaml.Node] = set()  # lists and mappings being built, to catch cycles
        self.lost_keys: set[Path] = set()  # mappings that lost a refused key

    @property
    def problems(self) -> list[Problem]:
        return list(self._problems)

    def report(self, problem: Problem) -> None:
        self._problems[problem] = None

    def build(self, node: yaml.Node, path: Path) -> Any:
        span = _span(self.smap.file, node)
        self.smap.values[path] = span
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, span, path)
        if node.tag not in _PLAIN_COLLECTION_TAGS:
            return self._refuse_tag(node.tag, span)
        if len(path) >= MAX_DEPTH:  # deeper than the text itself: an alias inside a deep spot
            self.report(Problem(f"{TOO_DEEP} (through aliases)", span, hint=TOO_DEEP_HINT))
            return None
        if node in self._open:
            self.report(Problem("this value contains itself (through an alias)", span))
            return None
        self._open.add(node)
        try:
            if isinstance(node, yaml.MappingNode):
                return self._mapping(node, path)
            return [self._child(node, i, item, (*path, i)) for i, item in enumerate(node.value)]
        finally:
            self._open.discard(node)

    def _child(self, parent: yaml.Node, index: Any, node: yaml.Node, path: Path) -> Any:
        """Build a list item or mapping value, noting where it was written when it is an alias."""
        mark = self.loader.alias_marks.get(child_key(parent, index))
        if mark is not None:
            self.smap.aliases[path] = Span(self.smap.file, mark.line + 1, mark.column + 1)
        return self.build(node, path)

    def _mapping(self, node: yaml.MappingNode, path: Path) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, Span] = {}
        for key_node, value_node in node.value:
            key_span = _span(self.smap.file, key_node)
            if not isinstance(key_node, yaml.ScalarNode):
                self.report(
                    Problem("a mapping key must be plain text", key_span, hint="write the key as a word")
                )
                self.lost_keys.add(path)
                continue
            if key_node.tag != self._implicit_tag(key_node):
                self._refuse_tag(key_node.tag, key_span)
                self.lost_keys.add(path)
                continue
            if key_node.value == "<<" and not key_node.style:  # a merge key; quoted, "<<" is text
                self.report(
                    Problem("merge keys ('<<') are not supported", key_span, hint="write the keys out")
                )
                self.lost_keys.add(path)
                continue
            key = str(key_node.value)
            if LONE_SURROGATE.search(key):
                self.report(_surrogate_problem(key, key_span))
                self.lost_keys.add(path)
                continue
            if key in first_seen:
                message = f"duplicate key {quote(key)} (first at line {first_seen[key].line})"
                self.report(Problem(message, key_span, hint="remove one of the two"))
                continue
            first_seen[key] = key_span
            self.smap.keys[(*path, key)] = key_span
            result[key] = self._child(node, key_node, value_node, (*path, key))
        return result

    def _scalar(self, node: yaml.ScalarNode, span: Span, path: Path) -> Any:
        if node.tag != self._implicit_tag(node):
            return self._refuse_tag(node.tag, span)
        try:  # text is the node's own; other tags need PyYAML's constructors
            value = node.value if node.tag == _STR_TAG else self.loader.construct_object(node, deep=True)
        except (ValueError, KeyError, AttributeError, TypeError, OverflowError, yaml.YAMLError):
            self.report(_unreadable(node, span))
            return None
        if isinstance(value, str) and LONE_SURROGATE.search(value):
            self.report(_surrogate_problem(value, span))
            return None
        if isinstance(value, float) and not math.isfinite(value):
            hint = "write a finite number; where there is no bound, leave the key out"
            self.report(Problem(f"{quote(node.value)} is not a finite number", span, hint=hint))
            return None
        if isinstance(value, int | float) and not isinstance(value, bool) and ":" in node.value:
            self.report(
                Problem(
                    f"YAML 1.1 reads {quote(node.value)} as a number in base 60 ({shorten(str(value))})",
                    span,
                    hint="write the number itself, or put it in quotes to keep it as text",
                )
            )
            return None
        if isinstance(value, int) and value.bit_length() > _MAX_INT_BITS:  # 0x… and 0b… are that long too
            self.report(_unreadable(node, span))
            return None
        if isinstance(value, float) and not exact_float(node.value, value):
            self.report(Problem(f"{quote(node.value)} {INEXACT}", span, hint=INEXACT_HINT))
            return None
        if isinstance(value, int | float) and not isinstance(value, bool) and str(value) != node.value:
            self.smap.numbers_as_written[path] = node.value
        return value

    def _implicit_tag(self, node: yaml.ScalarNode) -> str:
        """The tag YAML gives ``node`` when none is written: a plain scalar's depends on its text."""
        if (
            not node.style
        ):  # plain (None, or "" from libyaml): `123` is an int, `abc` text, `2024-01-01` a date
            tag: str = self.loader.resolve(yaml.ScalarNode, node.value, (True, False))
            return tag
        return _STR_TAG  # quoted or a block (| or >): always text

    def _refuse_tag(self, tag: str, span: Span) -> None:
        shown = "!!" + tag.removeprefix(_YAML_TAG) if tag.startswith(_YAML_TAG) else tag
        hint = "remove the tag and write a plain value (in quotes to keep it as text)"
        self.report(
            Problem(f"invalid YAML: YAML tags are not allowed here: {shorten(shown)}", span, hint=hint)
        )


class _Bail(Exception):
    """The quick reader met something it leaves to the loaders above (a tag, a problem, an odd alias)."""


class _QuickConstruction(SafeConstructor, Resolver):
    """What :class:`_Builder` asks of a loader, for :class:`_QuickReader`: no alias marks (the reader
    keeps them itself), and each plain scalar's tag resolved once per text."""

    def __init__(self) -> None:
        SafeConstructor.__init__(self)
        Resolver.__init__(self)
        self.alias_marks: dict[tuple[int, int], Any] = {}
        self._resolved: dict[tuple[str, Any], str] = {}

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is not yaml.ScalarNode:
            return super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call, no-any-return]
        key = (value, implicit[0])
        tag = self._resolved.get(key)
        if tag is None:
            tag = self._resolved[key] = super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]
        return tag


class _QuickReader(_Builder):
    """Builds the data and its positions straight from libyaml's events, with no node tree between.

    It reads a well-formed file, the usual case, in about half the time of composing nodes and
    building from them, and gives exactly what :class:`_FastYamlLoader` and :class:`_Builder` give
    (a property test holds it to them). At the first thing it does not handle (any tag, a key that
    is not plain text, a duplicate, anything the builder would report, too deep, too many values,
    an alias to an anchor not yet complete) it stops (:class:`_Bail`) and :func:`read_yaml` reads
    the file the careful way, which says what is wrong.

    All events are read first (at most :data:`_MOST_EVENTS`); an alias is then read by reading the
    events of its anchor again at the alias's place, so the values it stands for are counted
    against :data:`MAX_VALUES` as they are made.
    """

    def __init__(self, text: str, file: str) -> None:
        super().__init__(_QuickConstruction(), file)
        self._text = text
        self._events: list[Any] = []
        self._anchors: dict[str, int] = {}  # each anchor, and where its node's events start
        self._complete: set[int] = set()  # the anchored nodes read in full, by where they start
        self._values = 0

    def report(self, problem: Problem) -> None:
        raise _Bail

    def read(self) -> YamlReading:
        parser = CParser(self._text)
        try:
            event = parser.get_event()
            while type(event) is not yaml.StreamEndEvent:
                self._events.append(event)
                if len(self._events) > _MOST_EVENTS:
                    raise _Bail
                event = parser.get_event()
        finally:
            parser.dispose()
        kinds = [type(event) for event in self._events]
        if kinds[:2] != [yaml.StreamStartEvent, yaml.DocumentStartEvent]:
            raise _Bail  # an empty stream
        if yaml.AliasEvent in kinds and self._expanded_size() > MAX_VALUES:
            raise _Bail  # an alias bomb: refused before anything is built
        data, after = self._node(2, ())
        if after != len(kinds) - 1 or kinds[after] is not yaml.DocumentEndEvent:
            raise _Bail  # a second document
        if data is None:  # only `---`, `~` or `null`
            raise _Bail
        return YamlReading(data, self.smap, (), frozenset())

    def _expanded_size(self) -> int:
        """How many values the document stands for once every alias is written out (keys not
        counted, as the builder counts them), worked out over the events without building anything."""
        sizes: dict[str, int] = {}  # by anchor, the size of its node
        # each open collection: its anchor, its size so far, whether a mapping, whether a key is next
        open_: list[list[Any]] = [[None, 0, False, False]]
        for event in self._events[2:]:
            kind, top = type(event), open_[-1]
            if kind is yaml.SequenceEndEvent or kind is yaml.MappingEndEvent:
                anchor, size, _, _ = open_.pop()
                top = open_[-1]
            elif top[3]:  # a key: not a value
                if kind is not yaml.ScalarEvent:
                    raise _Bail
                top[3] = False
                continue
            elif kind is yaml.SequenceStartEvent or kind is yaml.MappingStartEvent:
                mapping = kind is yaml.MappingStartEvent
                open_.append([event.anchor, 1, mapping, mapping])
                continue
            elif kind is yaml.AliasEvent:
                size, anchor = sizes.get(event.anchor), None
                if size is None:  # an anchor not defined, or not complete
                    raise _Bail
            elif kind is yaml.ScalarEvent:
                size, anchor = 1, event.anchor
            else:  # the document's end
                continue
            if anchor is not None:
                sizes[anchor] = size
            top[1] += size
            top[3] = top[2]  # in a mapping, a key comes after each value
            if top[1] > MAX_VALUES:  # no need to count on
                return int(top[1])
        return int(open_[0][1])

    def _node(self, at: int, path: Path) -> tuple[Any, int]:
        """The value whose events start at ``at``, and where the events after it start."""
        event = self._events[at]
        kind = type(event)
        if kind is yaml.AliasEvent:
            start = self._anchors.get(event.anchor)
            if start not in self._complete:  # an anchor not defined, or the alias is inside it
                raise _Bail
            mark = event.start_mark
            self.smap.aliases[path] = Span(self.smap.file, mark.line + 1, mark.column + 1)
            return self._node(start, path)[0], at + 1
        if kind not in _NODE_STARTS:  # the end of a document that holds nothing
            raise _Bail
        self._values += 1
        if self._values > MAX_VALUES or event.tag is not None:
            raise _Bail
        anchor = event.anchor
        if anchor is not None and self._anchors.setdefault(anchor, at) != at:  # read again here: the same
            raise _Bail  # defined twice
        mark = event.start_mark
        span = Span(self.smap.file, mark.line + 1, mark.column + 1)
        self.smap.values[path] = span
        value: Any
        if kind is yaml.ScalarEvent:
            value = event.value
            tag = self.loader.resolve(yaml.ScalarNode, value, event.implicit)
            if tag != _STR_TAG:  # a number, a date, …: the builder reads and checks it
                value = self._scalar(yaml.ScalarNode(tag, value, mark, None, event.style), span, path)
            elif _surrogate_in(value):
                raise _Bail
            after = at + 1
        elif len(path) >= MAX_DEPTH:  # a list or mapping deeper than that
            raise _Bail
        elif kind is yaml.SequenceStartEvent:
            value, after = self._sequence(at + 1, path)
        elif kind is yaml.MappingStartEvent:
            value, after = self._quick_mapping(at + 1, path)
        else:
            raise _Bail
        if anchor is not None:
            self._complete.add(at)
        return value, after

    def _sequence(self, at: int, path: Path) -> tuple[list[Any], int]:
        events = self._events
        result: list[Any] = []
        while type(events[at]) is not yaml.SequenceEndEvent:
            item, at = self._node(at, (*path, len(result)))
            result.append(item)
        return result, at + 1

    def _quick_mapping(self, at: int, path: Path) -> tuple[dict[str, Any], int]:
        events, file, keys = self._events, self.smap.file, self.smap.keys
        result: dict[str, Any] = {}
        while type(key_event := events[at]) is not yaml.MappingEndEvent:
            if type(key_event) is not yaml.ScalarEvent or key_event.tag is not None or key_event.anchor:
                raise _Bail
            key = key_event.value
            if key in result or (key == "<<" and not key_event.style) or _surrogate_in(key):
                raise _Bail
            mark: Any = key_event.start_mark  # an event's marks are always there
            keys[(*path, key)] = Span(file, mark.line + 1, mark.column + 1)
            result[key], at = self._node(at + 1, (*path, key))
        return result, at + 1


_NODE_STARTS = frozenset({yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent})

_MOST_EVENTS = 3 * MAX_VALUES + 8
"""Events enough for MAX_VALUES values (each with a key, or closing a list or mapping), and the
stream's and document's own."""


def _surrogate_in(text: str) -> bool:
    """Whether ``text`` holds a lone surrogate (ASCII text, known at once, cannot)."""
    return not text.isascii() and LONE_SURROGATE.search(text) is not None


def exact_float(written: str, value: float) -> bool:
    """Whether ``value`` is the number ``written`` exactly, as a person reads its digits.

    A float holds about 15 significant digits; ``1199.99999999999999999`` would
    silently become 1200.0 and pass a minimum of 1,200.

    >>> exact_float("98.5", 98.5), exact_float("1199.99999999999999999", 1200.0)
    (True, False)
    """
    try:
        return Decimal(written.replace("_", "")) == Decimal(repr(value))
    except InvalidOperation:  # YAML 1.1's 1:30 (base 60) and the like: not decimal digits to compare
        return True


def _check_expansion(node: yaml.Node, file: str, sizes: dict[yaml.Node, int]) -> int:
    """How many values ``node`` stands for once every alias in it is written out.

    Counted before anything is built, each node once (``sizes`` remembers
    them), so a "billion laughs" of anchors inside anchors is refused at once,
    at the first value that grows past MAX_VALUES.
    """
    if node in sizes:  # an alias to a node counted before (or to one that contains itself)
        return sizes[node]
    sizes[node] = 1  # until counted; the builder reports a node that contains itself
    children: list[yaml.Node] = []
    if isinstance(node, yaml.SequenceNode):
        children = node.value
    elif isinstance(node, yaml.MappingNode):
        children = [value for _key, value in node.value]
    size = 1 + sum(_check_expansion(child, file, sizes) for child in children)
    if size > MAX_VALUES:
        message = f"the document expands to more than {MAX_VALUES:,} values (through aliases?)"
        hint = "write the values out instead of nesting aliases inside anchors"
        raise LoadError([Problem(message, _span(file, node), hint=hint)])
    sizes[node] = size
    return size


def _surrogate_problem(text: str, span: Span) -> Problem:
    found = LONE_SURROGATE.search(text)
    assert found is not None
    return Problem(
        f"{quote(text)} holds a lone surrogate ({inert(found.group())}), which is not a character",
        span,
        hint="remove that \\u escape, or write the character itself",
    )


def _unreadable(node: yaml.ScalarNode, span: Span) -> Problem:
    """The problem with a scalar YAML recognised (as a date, a number, …) but could not read."""
    if node.tag == _TIMESTAMP_TAG:
        hint = "write a real date, YYYY-MM-DD, or put it in quotes"
        return Problem(f"{quote(node.value)} is not a valid date", span, hint=hint)
    if node.tag == _INT_TAG:
        return Problem("number has too many digits", span, hint="write a shorter number, or put it in quotes")
    return Problem(f"cannot read this value: {quote(node.value)}", span, hint="put it in quotes")


def _syntax_problem(exc: yaml.MarkedYAMLError, file: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    span = Span(file, mark.line + 1, mark.column + 1) if mark else Span(file, 1, 1)
    if exc.context and "duplicate anchor" in exc.context and exc.context_mark is not None:
        first = exc.context_mark.line + 1
        name = exc.context.split("anchor", 1)[1].split(";", 1)[0].strip().strip("'")
        return Problem(
            f"invalid YAML: the anchor &{shorten(name)} is defined twice (first at line {first})",
            span,
            hint="give each anchor its own name",
        )
    if exc.problem and exc.problem.startswith("expected <block end>") and exc.context_mark and mark:
        # a key indented differently from the keys of its mapping: say which, and where they start
        start, line, column = exc.context_mark, mark.line + 1, mark.column + 1
        if exc.context and "block mapping" in exc.context:
            return Problem(
                f"invalid YAML: line {line} is indented to column {column}, but the keys of the mapping "
                f"it continues start at column {start.column + 1} (line {start.line + 1})",
                span,
                hint=f"line up its key at column {start.column + 1}, or indent it further to nest it under the key above",
            )
        return Problem(
            f"invalid YAML: line {line} is indented to column {column}, which lines up with no key or list "
            f"item above it (the list starts at line {start.line + 1}, column {start.column + 1})",
            span,
            hint="indent the line like the keys it belongs with",
        )
    message = shorten(exc.problem or exc.context or "invalid YAML", 120)  # it may quote a whole alias name
    hint = next((hint for clue, hint in _YAML_HINTS if clue in message), None)
    return Problem(f"invalid YAML: {message}", span, hint=hint)


def _character_problem(exc: ReaderError, text: str, file: str) -> Problem:
    """A character YAML does not allow anywhere, such as a NUL or another control character."""
    code: int = exc.character  # the code point, for text (not bytes) input
    message = f"invalid YAML: the character {chr(code)!r} (U+{code:04X}) is not allowed"
    return Problem(message, span_at(text, exc.position, file), hint="delete it (most editors do not show it)")


@dataclass(frozen=True)
class YamlReading:
    """A YAML document read as far as it could be: its data and positions, and what was refused in it.

    A refused value reads as None and a refused key is left out, so the rest
    of the file can still be checked; ``damaged`` holds the places (of those
    values and of the mappings that lost a key) where a later check would
    only repeat the problem.
    """

    data: Any
    source_map: SourceMap
    problems: tuple[Problem, ...]
    damaged: frozenset[Span]


def read_yaml(text: str, file: str) -> YamlReading:
    """Parse one YAML document, keeping what could be read of it.

    Raises :class:`LoadError` only when nothing can be read (a syntax error,
    an empty file, a document too large); other problems come in the reading.

    Three readers, each faster than the next and held to it by property tests: the quick reader
    (:class:`_QuickReader`, straight from libyaml's events) reads a well-formed file; when it
    meets anything unusual, the node builder over libyaml's parser (:class:`_FastYamlLoader`)
    reads it again; when that finds anything wrong, or the text holds a character PyYAML refuses,
    the reference loader reads it again and reports it.

    The reference loader's scanner (PyYAML's, in Python) is stricter than libyaml's in places: it
    ends a plain scalar in a flow collection at a ``?`` (``{question: Why?}``), which YAML allows
    and libyaml reads. Where libyaml read the file and only the reference loader calls it invalid,
    libyaml's reading stands, with its problems: a duplicate key is then reported as such, not as
    a syntax error at a place that is none.
    """
    if not Reader.NON_PRINTABLE.search(text):
        try:
            return _QuickReader(text, file).read()
        except Exception:  # _Bail, or whatever it met: the loaders below read the file again
            pass
        try:
            reading = _read_yaml(text, file, _FastYamlLoader)
        except Exception:  # whatever it is, the reference loader reads the file again and says
            pass
        else:
            if not reading.problems:
                return reading
            try:
                return _read_yaml(text, file, _QualmarkYamlLoader)
            except LoadError:
                return reading
    return _read_yaml(text, file, _QualmarkYamlLoader)


def _read_yaml(text: str, file: str, kind: type[_QualmarkYamlLoader] | type[_FastYamlLoader]) -> YamlReading:
    loader: _QualmarkYamlLoader | _FastYamlLoader | None = None
    try:
        loader = kind(text, file)
        node = loader.get_single_node()
        if node is None:
            raise LoadError([Problem("the file is empty", Span(file, 1, 1))])
        _check_expansion(node, file, {})
        builder = _Builder(loader, file)
        data = builder.build(node, ())
    except ReaderError as exc:
        raise LoadError([_character_problem(exc, text, file)]) from None
    except yaml.MarkedYAMLError as exc:
        raise LoadError([_syntax_problem(exc, file)]) from None
    except yaml.YAMLError as exc:
        raise LoadError([Problem(f"invalid YAML: {exc}", Span(file, 1, 1))]) from None
    finally:
        if loader is not None:
            loader.dispose()
    if data is None and not builder.problems:  # only `---`, `~` or `null`
        raise LoadError([Problem("the file is empty", Span(file, 1, 1))])
    problems = builder.problems
    damaged = {p.span for p in problems if p.span is not None}
    damaged.update(builder.smap.span(path) for path in builder.lost_keys)
    return YamlReading(data, builder.smap, tuple(problems), frozenset(damaged))


def parse_yaml(text: str, file: str) -> tuple[Any, SourceMap]:
    """Parse one YAML document into plain data and the positions of its nodes; raise :class:`LoadError` on any problem."""
    reading = read_yaml(text, file)
    if reading.problems:
        raise LoadError(reading.problems)
    return reading.data, reading.source_map


def load_yaml(path: str | FsPath, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[Any, SourceMap]:
    """Read and parse a YAML file (a regular file of at most ``max_bytes``); see :func:`parse_yaml`."""
    return parse_yaml(read_text(path, max_bytes), str(path))
