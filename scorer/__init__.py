"""scorer: score 法治政府建设情况报告 against the 2021–2025 Outline."""

__version__ = "0.15.20"
TOOL_NAME = "scorer"
