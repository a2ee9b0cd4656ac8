"""The essay-argument engine: load and validate a data pack, build essay plans, export them.

Data flows one way: ``schools/`` TOML files → ``load`` (validate) → ``model`` → ``plan`` → ``export``.
Nothing here imports Streamlit.
"""
