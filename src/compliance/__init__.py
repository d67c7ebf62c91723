"""Compliance checker for China's Beautiful China (美丽中国) ecological action plans."""

__version__ = "0.1.0"
