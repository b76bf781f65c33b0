"""The kinesisvideo operation registry that every resource family registers with."""

from __future__ import annotations

from ...model import KINESISVIDEO
from ..base import Operations
from ..common import ModelEnum

operation = Operations(KINESISVIDEO)

Status = ModelEnum(KINESISVIDEO, "Status")
ChannelType = ModelEnum(KINESISVIDEO, "ChannelType")
ChannelProtocol = ModelEnum(KINESISVIDEO, "ChannelProtocol")
ChannelRole = ModelEnum(KINESISVIDEO, "ChannelRole")
SyncStatus = ModelEnum(KINESISVIDEO, "SyncStatus")
