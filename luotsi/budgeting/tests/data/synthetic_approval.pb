META
key;value
description;"Synthetic test election; not real data"
country;Finland
unit;Testila
num_projects;4
num_votes;6
budget;300
vote_type;approval
rule;greedy
PROJECTS
project_id;cost;name;votes;selected
A;100;"Park; benches and ""shade""";4;1
B;100;Library;4;1
C;100;Bikes;4;1
D;100;Dog park;2;0
VOTES
voter_id;vote
1;A,B,C
2;A,B,C
3;C,B,A
4;A,B,C
5;D
6;D
