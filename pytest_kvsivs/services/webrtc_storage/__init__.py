"""Kinesis Video WebRTC Storage (``kinesis-video-webrtc-storage``): storage sessions of channels
whose media goes to a stream."""
