"""Amazon Kinesis Video Streams control plane (``kinesisvideo``), one module per resource family.

Light on purpose: ``spec`` (imported by the fake on first use) loads the handlers and the
model; ``simulation`` (mixed into ``KvsFake``) loads nothing until a control is used.
"""
