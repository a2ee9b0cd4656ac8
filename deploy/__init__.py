"""Running the planner for a school: nginx in front of many planner processes (see README)."""
