"""Across documents: canonical entities, repost clusters, figure series."""
