"""Administrative units: current provinces and communes, and the historical districts of older records."""
