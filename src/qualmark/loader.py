"""Reading framework YAML and portfolio JSON into plain data.

The YAML side uses a local :class:`SafeLoader` subclass (PyYAML's global
loaders are never modified): only plain YAML is accepted, mapping keys are
always text, a duplicate key is an error naming both lines, and the position
of every node is kept in a :class:`SourceMap`. All duplicate keys of a file
are reported together.
"""

from __future__ import annotations

import json
from pathlib import Path as FsPath
from typing import Any

import yaml

from qualmark.errors import LoadError, Problem
from qualmark.source import Path, SourceMap, Span


class _QualmarkYamlLoader(yaml.SafeLoader):
    """SafeLoader that refuses every tag beyond YAML's own scalars."""


# The only tags a list or mapping may carry: YAML's own, implicit ones.
_PLAIN_COLLECTION_TAGS = frozenset({"tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"})


def _span(file: str, node: yaml.Node) -> Span:
    return Span(file, node.start_mark.line + 1, node.start_mark.column + 1)


class _Builder:
    """Turns a composed YAML node tree into plain data plus a SourceMap."""

    def __init__(self, loader: _QualmarkYamlLoader, file: str) -> None:
        self.loader = loader
        self.smap = SourceMap(file)
        self.problems: list[Problem] = []

    def build(self, node: yaml.Node, path: Path) -> Any:
        self.smap.values[path] = _span(self.smap.file, node)
        if not isinstance(node, yaml.ScalarNode) and node.tag not in _PLAIN_COLLECTION_TAGS:
            raise yaml.constructor.ConstructorError(
                None, None, f"could not determine a constructor for the tag {node.tag!r}", node.start_mark
            )
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        return self.loader.construct_object(node, deep=True)

    def _mapping(self, node: yaml.MappingNode, path: Path) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, Span] = {}
        for key_node, value_node in node.value:
            key_span = _span(self.smap.file, key_node)
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append(
                    Problem("a mapping key must be plain text", key_span, hint="write the key as a word")
                )
                continue
            if key_node.value == "<<":
                self.problems.append(
                    Problem("merge keys ('<<') are not supported", key_span, hint="write the keys out")
                )
                continue
            key = str(key_node.value)
            if key in first_seen:
                self.problems.append(
                    Problem(
                        f"duplicate key '{key}' (first at line {first_seen[key].line})",
                        key_span,
                        hint="remove one of the two",
                    )
                )
                continue
            first_seen[key] = key_span
            self.smap.keys[(*path, key)] = key_span
            result[key] = self.build(value_node, (*path, key))
        return result


def _read(path: FsPath) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise LoadError([Problem(f"no such file: {path}", hint="check the path")]) from None
    except IsADirectoryError:
        raise LoadError([Problem(f"{path} is a folder, not a file")]) from None
    except UnicodeDecodeError as exc:
        raise LoadError(
            [Problem(f"{path} is not UTF-8 text (byte {exc.start})", hint="save it as UTF-8")]
        ) from None
    except OSError as exc:
        raise LoadError([Problem(f"cannot read {path}: {exc.strerror}")]) from None


def parse_yaml(text: str, file: str) -> tuple[Any, SourceMap]:
    """Parse one YAML document into plain data and the positions of its nodes."""
    loader = _QualmarkYamlLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise LoadError([Problem("the file is empty", Span(file, 1, 1))])
        builder = _Builder(loader, file)
        data = builder.build(node, ())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        span = Span(file, mark.line + 1, mark.column + 1) if mark else Span(file, 1, 1)
        message = exc.problem or exc.context or "invalid YAML"
        hint = None
        if "could not determine a constructor" in str(message):
            message = "YAML tags are not allowed: " + str(message).split("for the tag")[-1].strip()
            hint = "write plain YAML values; framework files never contain code or objects"
        raise LoadError([Problem(f"invalid YAML: {message}", span, hint=hint)]) from None
    except yaml.YAMLError as exc:
        raise LoadError([Problem(f"invalid YAML: {exc}", Span(file, 1, 1))]) from None
    finally:
        loader.dispose()
    if builder.problems:
        raise LoadError(builder.problems)
    return data, builder.smap


def load_yaml(path: str | FsPath) -> tuple[Any, SourceMap]:
    """Read and parse a YAML file; see :func:`parse_yaml`."""
    path = FsPath(path)
    return parse_yaml(_read(path), str(path))


def _refuse_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key '{key}'")
        result[key] = value
    return result


class _NotJson(ValueError):
    """NaN and Infinity, which Python's json module accepts but JSON does not have."""


def _refuse_constant(name: str) -> Any:
    raise _NotJson(f"{name} is not a JSON number")


def parse_json(text: str, file: str) -> Any:
    """Parse JSON, refusing duplicate keys and NaN/Infinity; errors carry ``file:line:col``."""
    try:
        return json.loads(text, object_pairs_hook=_refuse_duplicates, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        raise LoadError([Problem(f"invalid JSON: {exc.msg}", Span(file, exc.lineno, exc.colno))]) from None
    except _NotJson as exc:
        raise LoadError([Problem(f"invalid JSON: {exc}", Span(file, 1, 1), hint="write a number")]) from None
    except ValueError as exc:
        raise LoadError([Problem(f"invalid JSON: {exc}", Span(file, 1, 1), hint="remove one")]) from None


def load_json(path: str | FsPath) -> Any:
    """Read and parse a JSON file; see :func:`parse_json`."""
    path = FsPath(path)
    return parse_json(_read(path), str(path))
