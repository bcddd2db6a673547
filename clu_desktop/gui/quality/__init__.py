"""The "Qualité" page: label, audits and findings, action plan, users' remarks."""

from clu_desktop.gui.quality.page import QualityPage

__all__ = ["QualityPage"]
