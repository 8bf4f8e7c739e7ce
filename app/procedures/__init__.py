"""Tools for the business analysts who configure a province's procedures: a starter procedure
(`motcua procedure new`) and the scenario runner (`motcua procedure test`)."""
