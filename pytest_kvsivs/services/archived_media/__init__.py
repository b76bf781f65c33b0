"""Kinesis Video Streams archived media (``kinesis-video-archived-media``): ListFragments
and GetMediaForFragmentList over the fragments the ``media`` package stores.

Light on purpose: ``spec`` (imported by the fake on first use) loads the handlers and the model.
"""
