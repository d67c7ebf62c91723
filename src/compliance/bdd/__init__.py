"""Gherkin for policy staff: a Chinese and English step library, a pytest plugin, a runner and rule coverage."""
