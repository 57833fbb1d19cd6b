"""Attributions: who said what, with source, cue and content spans and the speaker."""
