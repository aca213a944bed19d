import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('ValidationProblem')
export class ValidationProblemModel {
  @Field({ description: 'schema, missing_start, unknown_node, dangling_edge, unreachable_node, missing_config, ...' })
  code!: string;

  @Field()
  message!: string;

  @Field(() => String, { nullable: true, description: 'The node the problem concerns' })
  nodeId?: string;

  @Field(() => Int, { nullable: true, description: 'The edge (index in edges) the problem concerns' })
  edgeIndex?: number;

  @Field(() => [String], { nullable: true, description: 'The field, e.g. ["nodes", "send", "input", "to"]' })
  path?: string[];
}

@ObjectType('ValidationResult')
export class ValidationResultModel {
  @Field()
  ok!: boolean;

  @Field(() => [ValidationProblemModel])
  problems!: ValidationProblemModel[];
}
