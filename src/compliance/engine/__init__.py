"""Compiling requirements to durable_rules rulesets and evaluating facts with them.

`runtime.py` is the only module of the project that imports the engine, so its quirks stay behind one door.
"""
