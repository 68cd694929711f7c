-- The compact form of each entry's published answers (registry.EncodeCompact),
-- derived from the snapshot whenever it is written, so that comparison
-- decodes a few kilobytes of length-prefixed text instead of the whole JSON
-- snapshot. Filled for earlier entries when the store opens.
ALTER TABLE registry_texts ADD COLUMN answers TEXT;
