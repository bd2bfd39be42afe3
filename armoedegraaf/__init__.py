"""armoedegraaf: a knowledge graph of child-poverty policy in Flanders and Brussels."""

__version__ = "0.1.0"
