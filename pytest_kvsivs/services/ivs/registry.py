"""The ivs operation registry that every resource family registers with, and the model's
enums the handlers use."""

from __future__ import annotations

from ...model import IVS
from ..base import Operations
from ..common import ModelEnum

operation = Operations(IVS)

RecordingConfigurationState = ModelEnum(IVS, "RecordingConfigurationState")
StreamState = ModelEnum(IVS, "StreamState")
StreamHealth = ModelEnum(IVS, "StreamHealth")
ChannelLatencyMode = ModelEnum(IVS, "ChannelLatencyMode")
ChannelType = ModelEnum(IVS, "ChannelType")
