"""The strategy model: types, safe YAML loading with positions, validation, the example."""

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
