"""The interactive views: the golden-thread graph (``render``) and the one-page report, as self-contained HTML."""
