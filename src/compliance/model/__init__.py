"""Pure data: plans, requirements, metrics, facts and results. Imports nothing else of the project."""
