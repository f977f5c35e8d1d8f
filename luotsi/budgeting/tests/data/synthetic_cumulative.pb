META
key;value
description;Synthetic cumulative election (test data)
num_projects;3
num_votes;3
budget;10
vote_type;cumulative
max_sum_points;5
PROJECTS
project_id;cost
1;5
2;5
3;4
VOTES
voter_id;vote;points
v1;1,2;3,2
v2;3;5
v3;2,3,1;1,1,3
