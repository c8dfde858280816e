"""zhkg: knowledge graphs from Chinese political and government news."""

__version__ = "0.1.0"
