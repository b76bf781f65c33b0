"""Kinesis Video Signaling (``kinesis-video-signaling``): the HTTPS side of a signaling channel."""
