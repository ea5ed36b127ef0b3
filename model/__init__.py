"""The strategy model: types, safe YAML loading with positions, validation, the example."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from goldenthread.model.errors import GoldenthreadError, LoadError, ModelError, NoModelFound
    from goldenthread.model.loader import example_path, load_example, load_model
    from goldenthread.model.types import (
        Aim,
        Benefit,
        Entity,
        Finding,
        Measure,
        Measurement,
        Model,
        ModelInfo,
        Position,
        Project,
        Theme,
    )
    from goldenthread.model.validate import SchemaError

__all__ = [
    "Aim",
    "Benefit",
    "Entity",
    "Finding",
    "GoldenthreadError",
    "LoadError",
    "Measure",
    "Measurement",
    "Model",
    "ModelError",
    "ModelInfo",
    "NoModelFound",
    "Position",
    "Project",
    "SchemaError",
    "Theme",
    "example_path",
    "load_example",
    "load_model",
]

# The names above, each imported from its module when first used: importing one
# module of the package does not import them all (start-up; see cli/main.py).
_HOME: dict[str, str] = {
    "GoldenthreadError": "goldenthread.model.errors",
    "LoadError": "goldenthread.model.errors",
    "ModelError": "goldenthread.model.errors",
    "NoModelFound": "goldenthread.model.errors",
    "example_path": "goldenthread.model.loader",
    "load_example": "goldenthread.model.loader",
    "load_model": "goldenthread.model.loader",
    "Aim": "goldenthread.model.types",
    "Benefit": "goldenthread.model.types",
    "Entity": "goldenthread.model.types",
    "Finding": "goldenthread.model.types",
    "Measure": "goldenthread.model.types",
    "Measurement": "goldenthread.model.types",
    "Model": "goldenthread.model.types",
    "ModelInfo": "goldenthread.model.types",
    "Position": "goldenthread.model.types",
    "Project": "goldenthread.model.types",
    "Theme": "goldenthread.model.types",
    "SchemaError": "goldenthread.model.validate",
}


def __getattr__(name: str) -> Any:
    if name in _HOME:
        value = getattr(importlib.import_module(_HOME[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
