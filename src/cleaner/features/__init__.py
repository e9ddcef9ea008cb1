"""Line features: what scorers and models read about each line of a page."""
