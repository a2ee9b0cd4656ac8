"""Performance benchmarks (``python -m benchmarks``): the engine, and the app against a bare page."""
