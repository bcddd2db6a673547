"""CLU Desktop: the offline application of a préfecture's Comité local des usagers."""

__version__ = "0.1.0"
