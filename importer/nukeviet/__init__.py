"""Reading a NukeViet 4.x database and bringing its content into the portal."""
