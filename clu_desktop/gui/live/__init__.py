"""The live mode ("Séance en cours"): ticking people present as they walk in."""
