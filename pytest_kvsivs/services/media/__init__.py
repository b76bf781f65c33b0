"""Kinesis Video Streams media (``kinesis-video-media``): GetMedia, and the fragments a
producer sends with PutMedia (not a botocore operation: ``KvsFake.put_media`` plays the
producer). The fragment store lives here; ``archived_media`` reads it.

Light on purpose: ``spec`` (imported by the fake on first use) loads the handlers and the
model; ``simulation`` (mixed into ``KvsFake``) loads nothing until a control is used.
"""
