"""Adapters to outside providers: one module per provider, one small Protocol per capability."""
